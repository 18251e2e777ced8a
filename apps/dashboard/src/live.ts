import type { LiveUpdate } from './api.js';

interface SocketLike {
  on(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, payload: unknown, ack: (answer: { ok: boolean; position?: string | null; code?: string }) => void): void;
  disconnect(): void;
  readonly io: { on(event: string, listener: () => void): void };
}
declare const io: (url: string, options?: object) => SocketLike;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type Scope = { scope: 'dashboard' } | { scope: 'cooperation'; cooperationId: string };

/**
 * A subscription to /live that survives reconnections: it remembers the last position it received and
 * resumes from it, so a dropped connection loses nothing.
 */
export const subscribeLive = (
  scope: Scope,
  onUpdate: (update: LiveUpdate) => void,
  onState: (state: ConnectionState) => void,
  after?: string,
): (() => void) => {
  let last = after;
  const socket = io('/live', { transports: ['websocket', 'polling'] });
  onState('connecting');
  socket.on('connect', () => {
    socket.emit('subscribe', { ...scope, ...(last ? { after: last } : {}) }, (answer) => {
      if (!answer.ok) return onState('offline');
      if (!last && answer.position) last = answer.position;
      onState('live');
    });
  });
  socket.on('update', (update: LiveUpdate) => {
    last = update.position;
    onUpdate(update);
  });
  socket.on('disconnect', () => onState('reconnecting'));
  socket.io.on('reconnect_failed', () => onState('offline'));
  return () => socket.disconnect();
};

/**
 * Runs `task` one at a time: calls made while it runs fold into a single run after it, so a burst of
 * updates costs two fetches, and the last drawing always starts after the last update.
 */
export const coalesce = (task: () => Promise<void>): (() => void) => {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    task()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
};

import type { LiveUpdate } from './api.js';
import { endSession, sessionToken } from './session.js';

interface SocketLike {
  on(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, payload: unknown, ack: (answer: { ok: boolean; position?: string | null; code?: string }) => void): void;
  disconnect(): void;
  readonly io: { on(event: string, listener: () => void): void };
}
/** `auth` as a function: socket.io calls it at each (re)connection, so a reconnection sends the current token. */
type AuthOption = (callback: (auth: { token: string | null }) => void) => void;
declare const io: (url: string, options?: { transports?: string[]; tryAllTransports?: boolean; auth?: AuthOption }) => SocketLike;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type Scope = { scope: 'dashboard' } | { scope: 'cooperation'; cooperationId: string };

/** The codes the /live handshake and `session-expired` give when the token no longer opens the feed. */
const AUTH_CODES = new Set(['Unauthenticated', 'TokenExpired']);

/**
 * A subscription to /live that survives reconnections: it remembers the last position it received and
 * resumes from it, so a dropped connection loses nothing. The handshake carries the session's token
 * (`auth: { token }`, never the address); a refused handshake or `session-expired` ends the session.
 */
export const subscribeLive = (
  scope: Scope,
  onUpdate: (update: LiveUpdate) => void,
  onState: (state: ConnectionState) => void,
  after?: string,
): (() => void) => {
  let last = after;
  let token = sessionToken();
  const socket = io('/live', {
    // Long-polling first, then the upgrade to a websocket when the network lets it through: a proxy that refuses or
    // holds the upgrade (some administrations' networks) leaves the feed on long-polling instead of never going live,
    // as it did websocket-first. Should long-polling itself fail, the websocket is tried too.
    transports: ['polling', 'websocket'],
    tryAllTransports: true,
    auth: (callback) => {
      token = sessionToken();
      callback({ token });
    },
  });
  onState('connecting');
  socket.on('connect_error', (error: Error) => {
    if (!AUTH_CODES.has(error.message)) return; // the server is unreachable: socket.io retries by itself
    socket.disconnect();
    endSession(error.message as 'Unauthenticated' | 'TokenExpired', token);
  });
  socket.on('session-expired', (notice: { code?: string } | undefined) => {
    socket.disconnect();
    endSession(notice?.code === 'Unauthenticated' ? 'Unauthenticated' : 'TokenExpired', token);
  });
  socket.on('connect', () => {
    socket.emit('subscribe', { ...scope, ...(last ? { after: last } : {}) }, (answer) => {
      if (!answer.ok && answer.code && AUTH_CODES.has(answer.code)) return endSession(answer.code as 'Unauthenticated' | 'TokenExpired', token);
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

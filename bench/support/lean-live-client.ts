/**
 * A load-generator client of the `/live` namespace that speaks the wire protocol itself (Engine.IO 4 over a bare
 * websocket, Socket.IO 5 packets) instead of socket.io-client. Each of the live bench's simulated dashboards would
 * decode its own update in its own browser; here a thousand of them share one process and one core, and
 * socket.io-client's per-message work (≈ 30 µs on a slow VM, twice what the server spends sending the frame) made the
 * bench measure its own decoding queue. This client does the same handshake (token in the namespace CONNECT),
 * `subscribe` with an acknowledgement and answers pings, and parses each update with one JSON.parse.
 */
import WebSocket from 'ws';

const NAMESPACE = '/live';
/** Engine.IO packet types (first character), then Socket.IO packet types (second). */
const ENGINE_OPEN = '0';
const ENGINE_PING = '2';
const ENGINE_PONG = '3';
const ENGINE_MESSAGE = '4';
const SOCKET_CONNECT = '0';
const SOCKET_EVENT = '2';
const SOCKET_ACK = '3';
const SOCKET_CONNECT_ERROR = '4';
const PREFIX = `${ENGINE_MESSAGE}${SOCKET_EVENT}${NAMESPACE},`;

export interface LeanLiveClient {
  /** Emits `event` with `payload` and resolves with the server's acknowledgement. */
  readonly emitWithAck: (event: string, payload: unknown) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

/**
 * Opens a websocket to `base` (http://host:port), joins `/live` with `token`, and calls `onEvent` for every event the
 * server emits on the namespace. Resolves once the namespace accepted the connection.
 */
export const connectLean = (base: string, token: string, onEvent: (event: string, payload: unknown) => void): Promise<LeanLiveClient> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const acks = new Map<number, (answer: unknown) => void>();
    let nextAck = 0;
    const client: LeanLiveClient = {
      emitWithAck: (event, payload) =>
        new Promise((answered) => {
          const id = nextAck++;
          acks.set(id, answered);
          socket.send(`${PREFIX}${id}${JSON.stringify([event, payload])}`);
        }),
      close: () => new Promise((closed) => (socket.readyState === WebSocket.CLOSED ? closed() : (socket.once('close', () => closed()), socket.close()))),
    };
    // Whatever ends the socket ends what still waits on it: the connection, unanswered acknowledgements.
    const fail = (error: Error) => {
      reject(error);
      for (const answered of acks.values()) answered({ ok: false, code: 'Disconnected', message: error.message });
      acks.clear();
    };
    socket.on('error', fail);
    socket.on('close', (code) => fail(new Error(`socket closed (${code})`)));
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith(PREFIX)) {
        const [event, payload] = JSON.parse(text.slice(PREFIX.length)) as [string, unknown];
        return onEvent(event, payload);
      }
      if (text === ENGINE_PING) return socket.send(ENGINE_PONG);
      if (text.startsWith(ENGINE_OPEN)) return socket.send(`${ENGINE_MESSAGE}${SOCKET_CONNECT}${NAMESPACE},${JSON.stringify({ token })}`);
      const packet = /^4(\d)\/live,(\d*)(.*)$/s.exec(text);
      if (!packet) return;
      const [, type, ackId, body] = packet;
      if (type === SOCKET_CONNECT) resolve(client);
      else if (type === SOCKET_CONNECT_ERROR) reject(new Error(`namespace refused the connection: ${body}`));
      else if (type === SOCKET_ACK) {
        const answered = acks.get(Number(ackId));
        acks.delete(Number(ackId));
        answered?.((JSON.parse(body!) as unknown[])[0]);
      }
    });
  });

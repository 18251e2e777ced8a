import type { CooperationListItem, Label } from '#projections';

/** One compact message per projected update; `position` lets a client resume exactly where it stopped. */
export interface LiveUpdate {
  readonly position: string;
  readonly cooperationId: string;
  readonly type: string;
  readonly timelineItem: {
    readonly eventId: string;
    /** The business date the timeline gives the item (GET /cooperations/{id}/timeline): stated, else in effect, else the record day. */
    readonly date: { readonly date: string; readonly precision: string; readonly to?: string; readonly approximate: boolean };
    readonly recordedAt: string;
    /** The day `recordedAt` falls on where the cooperations are (CARNET_TIME_ZONE), as GET /dashboard's recent activity gives it. */
    readonly recordedOn: string;
    readonly label: Label;
  };
  /** The cooperation's line in the list as it stands now. */
  readonly summary: CooperationListItem | null;
}

export interface SubscribeRequest {
  readonly scope: 'dashboard' | 'cooperation';
  readonly cooperationId?: string;
  /** Last position the client saw: what came after it is sent first, in order. */
  readonly after?: string;
}

export type SubscribeAck = { readonly ok: true; readonly position: string | null } | { readonly ok: false; readonly code: string; readonly message: string };

/** Server → client messages (typed end to end, immich ClientEventMap style). */
export interface ServerToClientEvents {
  update: (update: LiveUpdate) => void;
  /** The token the socket connected with has expired: the server disconnects right after. */
  'session-expired': (notice: { readonly code: 'TokenExpired' }) => void;
}

/** What the server keeps on each socket once its handshake token is verified. */
export interface LiveSocketData {
  principal: import('#domain').Principal;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
}

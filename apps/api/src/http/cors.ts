import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { CarnetConfig } from '../config/env.js';

/** socket.io's options as Nest's adapter (and its own copy of socket.io) types them. */
type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/** The CORS settings shared by the HTTP API and the live socket. */
export interface CorsPolicy {
  readonly origin: '*' | string[];
  readonly methods: string[];
  readonly allowedHeaders: string[];
  readonly exposedHeaders: string[];
  readonly credentials: false;
  readonly maxAge: number;
}

/**
 * Cross-origin access from CARNET_CORS_ORIGINS (`*` or a list of origins); undefined when it is empty, and CORS
 * stays off: only the dashboard served by Carnet itself (same origin) reads the API from a browser.
 * Tokens travel in the Authorization header, never in cookies, so credentials are never allowed.
 */
export const corsPolicyOf = (origins: CarnetConfig['corsOrigins']): CorsPolicy | undefined => {
  if (origins.length === 0) return undefined;
  return {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Accept-Language', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
    exposedHeaders: ['ETag', 'Retry-After', 'WWW-Authenticate'],
    credentials: false,
    maxAge: 600,
  };
};

/**
 * The socket.io server with the same CORS policy as the HTTP API: the gateway's decorator says `origin: false`
 * (the default, CORS off); this adapter replaces it with CARNET_CORS_ORIGINS when that is set.
 */
export class CarnetIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly policy: CorsPolicy | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoServerOptions): ReturnType<IoAdapter['createIOServer']> {
    // socket.io's long-polling transport answers with these headers; a browser's websocket handshake ignores CORS,
    // and the socket carries no cookie to abuse: it is the bearer token of the handshake that grants access.
    return super.createIOServer(port, { ...options, cors: this.policy ?? { origin: false } } as IoServerOptions);
  }
}

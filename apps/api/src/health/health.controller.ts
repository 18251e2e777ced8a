import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ProjectionRunner, type ProjectionStatus } from '#projections';
import { Public } from '../auth/auth.guard.js';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

/** Retrying longer than this (a full disk, an unreachable store), a read model is stuck rather than blinking. */
export const STUCK_AFTER_MS = 30_000;

export interface StuckProjection {
  readonly projection: string;
  readonly state: ProjectionStatus['state'];
  /** When its retries began. */
  readonly since?: string;
  readonly message: string;
}

/** The read models serving stale data: stopped (on an event, which its status names), or retrying for longer than STUCK_AFTER_MS. */
export const stuckProjections = (projections: readonly ProjectionStatus[], now = Date.now()): StuckProjection[] =>
  projections.flatMap(({ name, state, failure, retrying }): StuckProjection[] => {
    if (state === 'stopped') return [{ projection: name, state, message: failure?.message ?? 'not subscribed to the log' }];
    if (retrying && now - Date.parse(retrying.since) > STUCK_AFTER_MS) return [{ projection: name, state, since: retrying.since, message: retrying.message }];
    return [];
  });

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CARNET_CONFIG) private readonly config: CarnetConfig,
    private readonly projections: ProjectionRunner,
  ) {}

  @Get()
  async health() {
    const projections = await this.projections.status();
    const stuck = stuckProjections(projections);
    return {
      status: stuck.length === 0 ? 'ok' : 'degraded',
      stuck,
      eventStore: { kind: this.config.eventStore.kind, headPosition: (await this.store.headPosition()) ?? null },
      projections,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}

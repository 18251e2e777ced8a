import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ProjectionRunner } from '#projections';
import { Public } from '../auth/auth.guard.js';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

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
    return {
      // A stopped projection serves stale data: say so (its status names the event that stopped it).
      status: projections.every((p) => p.state !== 'stopped') ? 'ok' : 'degraded',
      eventStore: { kind: this.config.eventStore.kind, headPosition: (await this.store.headPosition()) ?? null },
      projections,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}

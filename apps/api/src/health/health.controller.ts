import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CARNET_CONFIG) private readonly config: CarnetConfig,
  ) {}

  @Get()
  async health() {
    return {
      status: 'ok',
      eventStore: { kind: this.config.eventStore.kind, headPosition: (await this.store.headPosition()) ?? null },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}

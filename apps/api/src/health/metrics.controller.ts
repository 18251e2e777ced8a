import { Controller, Get, Header, Inject, type OnModuleInit } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ProjectionRunner } from '#projections';
import type { Principal } from '#domain';
import { assertMayReadWholeLog } from '../auth/cooperation-access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';

const STATES = ['catchingUp', 'live', 'reconnecting', 'stopped'] as const;

/** Prometheus metrics (`GET /metrics`): projection lag and state, the log's head, the process. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  private readonly registry = new Registry();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'carnet_' });
    const { store, projections } = this;
    new Gauge({
      name: 'carnet_event_store_head_position',
      help: 'Global position of the last event in the log (0 when empty)',
      registers: [this.registry],
      async collect() {
        this.set(Number((await store.headPosition()) ?? 0));
      },
    });
    // The registry collects metrics concurrently: one status read serves the three gauges of a scrape.
    let scrape: Promise<Awaited<ReturnType<ProjectionRunner['status']>>> | undefined;
    const statuses = () => {
      scrape ??= projections.status().finally(() => setTimeout(() => (scrape = undefined), 100));
      return scrape;
    };
    const perProjection = (name: string, help: string, value: (status: Awaited<ReturnType<typeof statuses>>[number]) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [this.registry],
        async collect() {
          for (const status of await statuses()) this.set({ projection: status.name }, value(status));
        },
      });
    // NaN (Prometheus' "unknown") when the log could not be read to count it.
    perProjection('carnet_projection_lag_events', 'Events in the log a projection has not applied yet', (s) => s.lagEvents ?? NaN);
    perProjection('carnet_projection_lag_seconds', 'Age of the oldest event a projection has not applied yet', (s) => s.lagSeconds ?? NaN);
    new Gauge({
      name: 'carnet_projection_state',
      help: '1 for the state each projection is in',
      labelNames: ['projection', 'state'],
      registers: [this.registry],
      async collect() {
        for (const status of await statuses()) {
          for (const state of STATES) this.set({ projection: status.name, state }, status.state === state ? 1 : 0);
        }
      },
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  metrics(@CurrentPrincipal() principal: Principal): Promise<string> {
    assertMayReadWholeLog(principal);
    return this.registry.metrics();
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import { AuditController } from './audit/audit.controller.js';
import { AUTH_PROVIDERS } from './auth/auth.providers.js';
import { SessionController } from './auth/session.controller.js';
import { CommandSender } from './commands/command-sender.service.js';
import { DomainCommandHandler } from './commands/domain-command.handler.js';
import type { CarnetConfig } from './config/env.js';
import { CooperationCommandsController } from './cooperations/cooperation-commands.controller.js';
import { CooperationQueriesController } from './cooperations/cooperation-queries.controller.js';
import { AlertsService } from './cooperations/alerts.service.js';
import { CooperationStates } from './cooperations/cooperation-states.js';
import { DashboardController } from './cooperations/dashboard.controller.js';
import { DirectoryService } from './directory/directory.service.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { EventsController } from './events/events.controller.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { DashboardGateway } from './live/dashboard.gateway.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ProblemFilter } from './http/problem.filter.js';
import { QueryParametersInterceptor } from './http/query-parameters.interceptor.js';
import { rateLimitGuard, rateLimitModule } from './http/rate-limit.js';
import { carnetValidationPipe } from './http/validation.js';
import { RegistriesController } from './registries/registries.controller.js';
import { webhookProviders } from './webhooks/webhooks.providers.js';
import type { WebhookDispatchTuning } from './webhooks/webhook-dispatcher.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { commandHashKeyProvider } from './commands/command-hash.js';
import { ExportTrail } from './audit/export-trail.js';
import { BusinessCalendar } from './config/business-calendar.js';

/** The composition root. Global pipe and filter are providers, so tests boot exactly this app. */
@Module({})
export class AppModule {
  static forRoot(config: CarnetConfig, eventStore?: EventStore, webhookDispatch?: WebhookDispatchTuning): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), EventStoreModule.forRoot(config, eventStore), ProjectionsModule, rateLimitModule(config)],
      controllers: [SessionController, RegistriesController, CooperationCommandsController, CooperationQueriesController, DashboardController, EventsController, HealthController, MetricsController, AuditController, WebhooksController],
      providers: [
        // First: the guards after it (rate limits) see the verified principal.
        ...AUTH_PROVIDERS,
        // Second: rate limits per token (the principal above) and per IP; 429 TooManyRequests.
        ...rateLimitGuard(config),
        BusinessCalendar,
        DirectoryService,
        AlertsService,
        CooperationStates,
        DomainCommandHandler,
        DashboardGateway,
        CommandSender,
        commandHashKeyProvider,
        ExportTrail,
        ...webhookProviders(config, webhookDispatch),
        // After the guards: a query parameter the route does not read is a 400, not silently ignored.
        { provide: APP_INTERCEPTOR, useClass: QueryParametersInterceptor },
        { provide: APP_PIPE, useFactory: carnetValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

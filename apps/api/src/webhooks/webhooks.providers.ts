import type { Provider } from '@nestjs/common';
import type { CarnetConfig } from '../config/env.js';
import { DEFAULT_WEBHOOK_DISPATCH, WEBHOOK_DISPATCH_OPTIONS, WEBHOOK_REGISTRY, WebhookDispatcher, type WebhookDispatchTuning } from './webhook-dispatcher.js';
import { WebhookRegistry } from './webhook-registry.js';

/** The registry in the data directory, and the dispatcher (its waits shortened by tests through `dispatch`; its receivers always the config's). */
export const webhookProviders = (config: CarnetConfig, dispatch: WebhookDispatchTuning = {}): Provider[] => [
  { provide: WEBHOOK_REGISTRY, useFactory: () => WebhookRegistry.open(config.webhooksPath) },
  { provide: WEBHOOK_DISPATCH_OPTIONS, useValue: { ...DEFAULT_WEBHOOK_DISPATCH, ...dispatch, receivers: config.webhookReceivers } },
  WebhookDispatcher,
];

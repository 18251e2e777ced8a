import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUrl, MaxLength, registerDecorator } from 'class-validator';
import { COOPERATION_EVENT_TYPES, REGISTRY_EVENT_TYPES, cooperationStream, type Principal } from '#domain';
import { EVENT_STORE, streamExists, type EventStore } from '#event-store';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';
import { EnumListField, SlugField, TextField } from '../http/dto-fields.js';
import { ProblemException } from '../http/problem.js';
import { checkReceiver } from './receiver-address.js';
import { WEBHOOK_REGISTRY, WebhookDispatcher } from './webhook-dispatcher.js';
import type { WebhookRegistry } from './webhook-registry.js';

/** Every type a webhook may ask for: the cooperations', the registries', erasures (a receiver erases its copies too) and exports. */
const EVENT_TYPES: readonly string[] = [...COOPERATION_EVENT_TYPES, ...REGISTRY_EVENT_TYPES, 'PersonErased', 'DataExported'];

const URL_MESSAGE = 'url must be an http(s) URL without credentials';

/** IsUrl admits forms the WHATWG parser refuses (an IPv6 zone id, a malformed punycode label); each delivery parses the URL so. */
const ParsableUrl = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isParsableUrl',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: URL_MESSAGE },
    validator: { validate: (value: unknown) => typeof value === 'string' && URL.canParse(value) },
  });

/** At most this many latest attempts per webhook in GET /webhooks?deliveries=. */
const MAX_LISTED_DELIVERIES = 50;

export class CreateWebhookDto {
  /** Where each event is POSTed (http or https; no user:password@, which would travel with every attempt and show in the errors). */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true }, { message: URL_MESSAGE })
  @ParsableUrl()
  @MaxLength(2048)
  url!: string;
  /** The event types delivered; left out or empty, all of them. */
  @EnumListField(EVENT_TYPES, { optional: true }) eventTypes?: string[];
  /** Only this cooperation's events; left out, every stream's (registries included). */
  @SlugField({ optional: true }) cooperationId?: string;
  @TextField({ optional: true, max: 300 }) description?: string;
}

/** Managing webhooks is the platform staff's: a receiver gets events of every cooperation it asks for. */
const ensureAdmin = (principal: Principal): void => {
  if (principal.role !== 'admin') throw new ProblemException('AdminOnly', {});
};

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(WEBHOOK_REGISTRY) private readonly registry: WebhookRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(CARNET_CONFIG) private readonly config: CarnetConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Registers a webhook (admin): each event appended from now on that its filter selects (event types, one cooperation) is POSTed ' +
      'to `url` as JSON, in log order, at least once, signed `carnet-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the ' +
      'secret returned here, once. Personal values are left out of the payloads. A failing receiver is retried with a doubling wait (1 s to 10 min), never skipped. ' +
      'Unless CARNET_WEBHOOK_RECEIVERS=any, `url` must resolve to public addresses only (no loopback, private or link-local network): 422 WebhookReceiverRefused otherwise ' +
      '(503 WebhookReceiverUnresolved when its name cannot be resolved now), and each delivery checks the address it connects to again',
  })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto) {
    ensureAdmin(principal);
    const check = await checkReceiver(new URL(dto.url), this.config.webhookReceivers);
    if (check) throw new ProblemException(check.verdict === 'refused' ? 'WebhookReceiverRefused' : 'WebhookReceiverUnresolved', { url: dto.url, reason: check.reason });
    if (dto.cooperationId !== undefined && !(await streamExists(this.store, cooperationStream(dto.cooperationId)))) {
      throw new ProblemException('CooperationNotFound', { cooperationId: dto.cooperationId });
    }
    const { webhook, secret } = this.registry.create({
      url: dto.url,
      filter: { eventTypes: [...new Set(dto.eventTypes ?? [])], ...(dto.cooperationId ? { cooperationId: dto.cooperationId } : {}) },
      ...(dto.description ? { description: dto.description } : {}),
      createdBy: principal.userId,
      cursor: (await this.store.headPosition()) ?? null,
      now: new Date().toISOString(),
    });
    this.dispatcher.start(webhook.webhookId);
    return { ...webhook, secret };
  }

  @Get()
  @ApiOperation({
    summary:
      'The webhooks of this node (admin), each with its cursor and, when its receiver fails, the failing streak; never their secrets. ' +
      `\`?deliveries=N\` (0 to ${MAX_LISTED_DELIVERIES}) adds each one's N latest attempts as \`latestDeliveries\`, newest first: one request for a page showing them all`,
  })
  list(@CurrentPrincipal() principal: Principal, @Query('deliveries') deliveries?: string) {
    ensureAdmin(principal);
    const count = deliveries === undefined ? 0 : /^\d{1,2}$/.test(deliveries) && Number(deliveries) <= MAX_LISTED_DELIVERIES ? Number(deliveries) : undefined;
    if (count === undefined) {
      throw new ProblemException('ValidationFailed', {}, [{ field: 'deliveries', messages: [`deliveries must be a whole number from 0 to ${MAX_LISTED_DELIVERIES}`] }]);
    }
    const webhooks = this.registry.list();
    return { webhooks: count ? webhooks.map((webhook) => ({ ...webhook, latestDeliveries: this.registry.deliveries(webhook.webhookId, count) })) : webhooks };
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: 'The latest delivery attempts of a webhook (admin), newest first: event, attempt, HTTP status or error, duration' })
  deliveries(@CurrentPrincipal() principal: Principal, @Param('webhookId') webhookId: string) {
    ensureAdmin(principal);
    if (!this.registry.get(webhookId)) throw new ProblemException('WebhookNotFound', { webhookId });
    return { webhookId, deliveries: this.registry.deliveries(webhookId) };
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a webhook (admin): no attempt starts after this answer, and one in flight is aborted (its request may still have reached the receiver)' })
  remove(@CurrentPrincipal() principal: Principal, @Param('webhookId') webhookId: string): void {
    ensureAdmin(principal);
    if (!this.registry.remove(webhookId)) throw new ProblemException('WebhookNotFound', { webhookId });
    this.dispatcher.stop(webhookId);
  }
}

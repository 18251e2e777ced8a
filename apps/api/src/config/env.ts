import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { calendarDay } from '#domain';
import type { WebhookReceiverPolicy } from '../webhooks/receiver-address.js';

/** Every setting Carnet reads from the environment, validated once at boot: a bad value stops the start. */
class EnvDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  CARNET_DATA_DIR?: string;

  @IsOptional() @IsIn(['sqlite', 'eventstoredb'])
  CARNET_EVENT_STORE?: 'sqlite' | 'eventstoredb';

  @IsOptional() @IsString()
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, { message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (e.g. esdb://node1:2113,node2:2113,node3:2113?tls=false)' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'CARNET_NODE_NAME must be lower-case letters, digits and dashes (e.g. node-1)' })
  CARNET_NODE_NAME?: string;

  @IsOptional() @IsString() @MinLength(1)
  CARNET_PERSON_KEYS?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'CARNET_JWT_SECRET must be at least 32 characters long' })
  CARNET_JWT_SECRET?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  CARNET_BODY_LIMIT_BYTES?: number;

  @IsOptional() @IsString() @Matches(/^https?:\/\/\S+$/, { message: 'CARNET_OIDC_ISSUER must be the issuer URL (e.g. https://sso.example.org/realms/carnet)' })
  CARNET_OIDC_ISSUER?: string;

  @IsOptional() @IsString() @MinLength(1)
  CARNET_OIDC_AUDIENCE?: string;

  @IsOptional() @IsString() @Matches(/^https?:\/\/\S+$/, { message: 'CARNET_OIDC_JWKS_URL must be an http(s) URL' })
  CARNET_OIDC_JWKS_URL?: string;

  @IsOptional() @IsString()
  @Matches(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, { message: 'CARNET_CORS_ORIGINS must be * or a comma-separated list of origins (e.g. https://carnet.example.org,http://localhost:5173)' })
  CARNET_CORS_ORIGINS?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  CARNET_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  CARNET_RATE_LIMIT_IP_PER_MINUTE?: number;

  @IsOptional() @IsIn(['public', 'any'], { message: 'CARNET_WEBHOOK_RECEIVERS must be public (the default) or any' })
  CARNET_WEBHOOK_RECEIVERS?: WebhookReceiverPolicy;

  @IsOptional() @IsString() @MinLength(1)
  CARNET_TIME_ZONE?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  CARNET_LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface CarnetConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'eventstoredb'; readonly connectionString: string };
  /** This API node's name when several serve one log; each node keeps its own read models. */
  readonly nodeName?: string;
  /**
   * The SQLite file of the read models and their checkpoints, never the log's own file (a rebuild's swap would hold the
   * log's write lock): read-models.sqlite, or read-models-<node>.sqlite for a named node.
   */
  readonly readModelsPath: string;
  /** The per-person key store (GDPR): personal values in the log are encrypted under these keys, kept outside the log. */
  readonly personKeysPath: string;
  /** This node's webhooks, their secrets and delivery progress: webhooks.sqlite, or webhooks-<node>.sqlite for a named node. */
  readonly webhooksPath: string;
  /** Whether webhooks may post to loopback and private addresses (`any`) or only to public ones (`public`, the default). */
  readonly webhookReceivers: WebhookReceiverPolicy;
  /** HS256 secret of locally minted tokens; when unset, generated once into the data directory (auth module). */
  readonly jwtSecret?: string;
  /** An OpenID Connect provider whose RS256/ES256 tokens are accepted (Keycloak-style), verified against its JWKS. */
  readonly oidc?: { readonly issuer: string; readonly audience?: string; readonly jwksUrl?: string };
  readonly bodyLimitBytes: number;
  /** Origins allowed by CORS; empty means CORS stays off (same-origin dashboard only). */
  readonly corsOrigins: readonly string[];
  /** Requests per minute per token and per client IP; 0 turns that limit off. */
  readonly rateLimit: { readonly perTokenPerMinute: number; readonly perIpPerMinute: number };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the cooperations are (IANA name, Europe/Paris by default): the calendar day a command is decided on. */
  readonly timeZone: string;
}

/** Carnet's users are French: "today" is the day in metropolitan France unless the deployment says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    calendarDay(new Date(0).toISOString(), timeZone);
    return true;
  } catch {
    return false;
  }
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The only reader of process.env. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): CarnetConfig => {
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const dto = plainToInstance(EnvDto, raw, { excludeExtraneousValues: false });
  const errors = validateSync(dto, { skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => `${e.property}=${JSON.stringify(raw[e.property])}: ${message}`));
  const kind = dto.CARNET_EVENT_STORE ?? 'sqlite';
  if (kind === 'eventstoredb' && !dto.EVENTSTORE_CONNECTION_STRING) {
    problems.push('CARNET_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
  }
  if ((dto.CARNET_OIDC_AUDIENCE || dto.CARNET_OIDC_JWKS_URL) && !dto.CARNET_OIDC_ISSUER) {
    problems.push('CARNET_OIDC_AUDIENCE and CARNET_OIDC_JWKS_URL need CARNET_OIDC_ISSUER (the provider\'s issuer URL)');
  }
  const timeZone = dto.CARNET_TIME_ZONE ?? DEFAULT_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) {
    problems.push(`CARNET_TIME_ZONE=${JSON.stringify(timeZone)}: not a time zone this Node knows; give an IANA name such as Europe/Paris, America/Cayenne or Indian/Reunion`);
  }
  if (problems.length) throw new ConfigError(problems);
  const dataDir = resolve(dto.CARNET_DATA_DIR ?? './data');
  const eventStore: CarnetConfig['eventStore'] =
    kind === 'eventstoredb' ? { kind, connectionString: dto.EVENTSTORE_CONNECTION_STRING! } : { kind, path: resolve(dataDir, 'carnet.sqlite') };
  const nodeName = dto.CARNET_NODE_NAME;
  return {
    port: dto.PORT ?? 3000,
    dataDir,
    eventStore,
    ...(nodeName ? { nodeName } : {}),
    readModelsPath: resolve(dataDir, nodeName ? `read-models-${nodeName}.sqlite` : 'read-models.sqlite'),
    personKeysPath: resolve(dataDir, dto.CARNET_PERSON_KEYS ?? 'person-keys.sqlite'),
    webhooksPath: resolve(dataDir, nodeName ? `webhooks-${nodeName}.sqlite` : 'webhooks.sqlite'),
    webhookReceivers: dto.CARNET_WEBHOOK_RECEIVERS ?? 'public',
    ...(dto.CARNET_JWT_SECRET ? { jwtSecret: dto.CARNET_JWT_SECRET } : {}),
    ...(dto.CARNET_OIDC_ISSUER
      ? {
          oidc: {
            issuer: dto.CARNET_OIDC_ISSUER,
            ...(dto.CARNET_OIDC_AUDIENCE ? { audience: dto.CARNET_OIDC_AUDIENCE } : {}),
            ...(dto.CARNET_OIDC_JWKS_URL ? { jwksUrl: dto.CARNET_OIDC_JWKS_URL } : {}),
          },
        }
      : {}),
    bodyLimitBytes: dto.CARNET_BODY_LIMIT_BYTES ?? 256 * 1024,
    corsOrigins: dto.CARNET_CORS_ORIGINS ? dto.CARNET_CORS_ORIGINS.split(',') : [],
    rateLimit: { perTokenPerMinute: dto.CARNET_RATE_LIMIT_PER_MINUTE ?? 600, perIpPerMinute: dto.CARNET_RATE_LIMIT_IP_PER_MINUTE ?? 1200 },
    logLevel: dto.CARNET_LOG_LEVEL ?? 'info',
    timeZone,
  };
};

export const CARNET_CONFIG = Symbol('CARNET_CONFIG');

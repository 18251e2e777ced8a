import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

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
}

export interface CarnetConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'eventstoredb'; readonly connectionString: string };
  /** This API node's name when several serve one log; each node keeps its own read models. */
  readonly nodeName?: string;
  /** The SQLite file of the read models and their checkpoints: the log's own file unless the node is named or the log is elsewhere. */
  readonly readModelsPath: string;
  /** The per-person key store (GDPR): personal values in the log are encrypted under these keys, kept outside the log. */
  readonly personKeysPath: string;
  readonly jwtSecret?: string;
  readonly bodyLimitBytes: number;
}

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
    readModelsPath: nodeName
      ? resolve(dataDir, `read-models-${nodeName}.sqlite`)
      : eventStore.kind === 'sqlite'
        ? eventStore.path
        : resolve(dataDir, 'read-models.sqlite'),
    personKeysPath: resolve(dataDir, dto.CARNET_PERSON_KEYS ?? 'person-keys.sqlite'),
    ...(dto.CARNET_JWT_SECRET ? { jwtSecret: dto.CARNET_JWT_SECRET } : {}),
    bodyLimitBytes: dto.CARNET_BODY_LIMIT_BYTES ?? 256 * 1024,
  };
};

export const CARNET_CONFIG = Symbol('CARNET_CONFIG');

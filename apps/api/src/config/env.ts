import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
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
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'CARNET_JWT_SECRET must be at least 32 characters long' })
  CARNET_JWT_SECRET?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  CARNET_BODY_LIMIT_BYTES?: number;
}

export interface CarnetConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'eventstoredb'; readonly connectionString: string };
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
  if (kind === 'eventstoredb') {
    if (!dto.EVENTSTORE_CONNECTION_STRING) problems.push('CARNET_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
    else problems.push('CARNET_EVENT_STORE=eventstoredb: this build has no EventStoreDB adapter yet; use sqlite (the default)');
  }
  if (problems.length) throw new ConfigError(problems);
  const dataDir = resolve(dto.CARNET_DATA_DIR ?? './data');
  return {
    port: dto.PORT ?? 3000,
    dataDir,
    eventStore: { kind: 'sqlite', path: resolve(dataDir, 'carnet.sqlite') },
    ...(dto.CARNET_JWT_SECRET ? { jwtSecret: dto.CARNET_JWT_SECRET } : {}),
    bodyLimitBytes: dto.CARNET_BODY_LIMIT_BYTES ?? 256 * 1024,
  };
};

export const CARNET_CONFIG = Symbol('CARNET_CONFIG');

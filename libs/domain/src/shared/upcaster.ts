/**
 * One step of schema evolution: turns the stored data of `type` at `fromVersion` into the data of version
 * `fromVersion + 1`. Pure (no I/O, no clock, never mutates its input): it runs on every read, and the stored
 * bytes are never rewritten, because the hash chain covers them. A person's value reaches it decrypted where the
 * API reads, but still sealed (`{ $personal: … }`) where read models are built (the API's projections, a rebuild's
 * replay): it may move such a value to another field, never read what it says.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: Readonly<Record<string, unknown>>) => object;
}

/** What a reader needs to bring any stored event to the shape the code knows. */
export interface EventSchemas {
  /** The version new events of each type are written at; a type not listed is at version 1. */
  readonly currentVersions: Readonly<Record<string, number>>;
  /** One step per type and version below its current one. */
  readonly upcasters: readonly Upcaster[];
}

export const currentVersionIn = (schemas: EventSchemas, type: string): number => schemas.currentVersions[type] ?? 1;

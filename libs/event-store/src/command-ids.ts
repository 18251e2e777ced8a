import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Namespace of every name-based id Carnet derives (UUIDv5). */
const CARNET_NAMESPACE = '6f1c2d3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f';

/** A fresh, time-ordered command id. */
export const newCommandId = (): string => uuidv7();

/** The same key for the same target always names the same command, so a retry is recognised. */
export const commandIdFromIdempotencyKey = (scope: string, key: string): string => uuidv5(`idempotency|${scope}|${key}`, CARNET_NAMESPACE);

/** Event ids derive from the command id: a retried command produces the very same ids (EventStoreDB dedups on them). */
export const eventIdFor = (commandId: string, index: number): string => uuidv5(`event|${commandId}|${index}`, CARNET_NAMESPACE);

/** A server-chosen entity id that stays the same when the command is retried with the same key. */
export const derivedEntityId = (commandId: string, kind: string): string => uuidv5(`entity|${kind}|${commandId}`, CARNET_NAMESPACE);

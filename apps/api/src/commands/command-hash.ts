import { createHmac } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { canonicalJson } from '#event-store';
import { signingSecretOf } from '../auth/signing-secret.js';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';

export const COMMAND_HASH_KEY = Symbol('COMMAND_HASH_KEY');

/**
 * The fingerprint of a command's body (`metadata.commandHash`), by which a reused Idempotency-Key with another body is
 * refused. Keyed: the body may hold personal values (a representative's name and title), and the fingerprint stays in
 * clear in the log, its exports and GET /events/{id}. A plain hash would let anyone holding those confirm a guessed
 * name after its person's key was erased; keyed, only who holds the key could. The key derives from the token signing
 * secret, which every node of a log shares already: a retry across a change of that secret is refused as a reused key.
 */
export const commandHashKeyOf = (signingSecret: Uint8Array): Buffer => createHmac('sha256', signingSecret).update('carnet/command-hash/v1').digest();

export const commandHashOf = (key: Buffer, route: string, type: string, body: unknown): string =>
  createHmac('sha256', key).update(`${route}\n${canonicalJson({ type, body })}`).digest('hex');

export const commandHashKeyProvider: Provider = {
  provide: COMMAND_HASH_KEY,
  inject: [CARNET_CONFIG],
  useFactory: (config: CarnetConfig) => commandHashKeyOf(signingSecretOf(config)),
};

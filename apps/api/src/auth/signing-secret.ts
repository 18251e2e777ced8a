import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CarnetConfig } from '../config/env.js';

export const SIGNING_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret of locally minted tokens: CARNET_JWT_SECRET, or a random one generated once into the data
 * directory (owner-only file) so a bare `npm start` is secure by default and `carnet token` mints for it.
 */
export const signingSecretOf = (config: CarnetConfig, log: (line: string) => void = () => undefined): Uint8Array => {
  if (config.jwtSecret) return new TextEncoder().encode(config.jwtSecret);
  const path = join(config.dataDir, SIGNING_SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    // `wx`: two processes starting together never overwrite each other's secret.
    try {
      writeFileSync(path, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
      log(`No CARNET_JWT_SECRET set: generated a token signing secret in ${path} (keep it private; \`npx carnet token\` signs with it)`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  return new TextEncoder().encode(readFileSync(path, 'utf8').trim());
};

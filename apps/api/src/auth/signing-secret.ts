import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // Written whole beside it, then linked into place: a process starting at the same time never reads a
    // half-written secret, and `link` fails rather than overwrite the secret another process placed first.
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    try {
      linkSync(draft, path);
      log(`No CARNET_JWT_SECRET set: generated a token signing secret in ${path} (keep it private; \`npx carnet token\` signs with it)`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (!secret) throw new Error(`The token signing secret ${path} is empty: delete it to generate a new one, or set CARNET_JWT_SECRET`);
  return new TextEncoder().encode(secret);
};

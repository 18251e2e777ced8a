import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SIGNING_SECRET_FILE } from '../../apps/api/src/auth/signing-secret.js';

/** Runs the built signingSecretOf in its own process, as each API node and `carnet token` do. */
const secretFromAProcess = (dataDir: string): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const script = `
      import { loadConfig } from './dist/apps/api/src/config/env.js';
      import { signingSecretOf } from './dist/apps/api/src/auth/signing-secret.js';
      process.stdout.write(Buffer.from(signingSecretOf(loadConfig())).toString('utf8'));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, CARNET_DATA_DIR: dataDir, CARNET_JWT_SECRET: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });

describe('the generated token signing secret', () => {
  const dirs: string[] = [];
  const freshDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is the same, never empty, for processes that start together on a bare data directory', async () => {
    for (let round = 0; round < 5; round++) {
      const dataDir = freshDataDir();
      const runs = await Promise.all(Array.from({ length: 8 }, () => secretFromAProcess(dataDir)));
      expect(runs.map((run) => [run.code, run.err])).toEqual(runs.map(() => [0, '']));
      const secrets = new Set(runs.map((run) => run.out));
      expect(secrets.size).toBe(1);
      expect([...secrets][0]).toMatch(/^[A-Za-z0-9_-]{64}$/);
      // Owner-only, and no draft left beside it.
      expect(statSync(join(dataDir, SIGNING_SECRET_FILE)).mode & 0o777).toBe(0o600);
      expect(readdirSync(dataDir)).toEqual([SIGNING_SECRET_FILE]);
    }
  }, 60_000);

  it('stops the start with a clear message when the file is empty', async () => {
    const dataDir = freshDataDir();
    writeFileSync(join(dataDir, SIGNING_SECRET_FILE), '\n');
    const run = await secretFromAProcess(dataDir);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(`The token signing secret ${join(dataDir, SIGNING_SECRET_FILE)} is empty`);
  });
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const exec = promisify(execFile);

/** `docker compose` (plugin) or `docker-compose` (standalone): both validate a file offline, without an engine. */
const findCompose = async (): Promise<string[] | undefined> => {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const works = await exec(command[0]!, [...command.slice(1), 'version']).then(() => true, () => false);
    if (works) return command;
  }
  return undefined;
};
const compose = await findCompose();

describe('the production compose file', () => {
  it('has an nginx entry point, sticky per client IP, in front of both API nodes', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    expect(nginx).toMatch(/upstream carnet \{\s*#[^\n]*\n\s*ip_hash;\s*server carnet-1:3000[^;]*;\s*server carnet-2:3000[^;]*;/);
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade;');
  });

  if (!compose) {
    it.skip('skipped: neither `docker compose` nor `docker-compose` is installed, so `config` could not validate docker-compose.yml', () => undefined);
    console.warn('[docker-compose] SKIPPED — no `docker compose` plugin nor `docker-compose` on PATH: docker-compose.yml was not validated.');
    return;
  }

  it(`is valid for \`${compose.join(' ')} config\`, with 3 EventStoreDB nodes, 2 Carnet nodes and nginx`, async () => {
    const [command, ...args] = compose;
    // Refused without a shared token secret: two nodes with secrets of their own would refuse each other's tokens.
    const { CARNET_JWT_SECRET: _unset, ...withoutSecret } = process.env;
    await expect(exec(command!, [...args, 'config', '--quiet'], { env: withoutSecret })).rejects.toMatchObject({ stderr: expect.stringContaining('CARNET_JWT_SECRET') });
    const env = { ...withoutSecret, CARNET_JWT_SECRET: 'compose-spec-secret-of-at-least-32-characters' };
    await exec(command!, [...args, 'config', '--quiet'], { env });
    const { stdout } = await exec(command!, [...args, 'config', '--services'], { env });
    // docker-compose v1 also lists services of inactive profiles (carnet-embedded).
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['esdb-1', 'esdb-2', 'esdb-3', 'carnet-1', 'carnet-2', 'nginx']));
    const { stdout: normalised } = await exec(command!, [...args, 'config'], { env });
    expect(normalised.match(/CARNET_JWT_SECRET: compose-spec-secret-of-at-least-32-characters/g)).toHaveLength(2);
    expect(normalised).toContain('CARNET_NODE_NAME: node-1');
    expect(normalised).toContain('CARNET_NODE_NAME: node-2');
    expect(normalised.match(/EVENTSTORE_CONNECTION_STRING: esdb:\/\/esdb-1:2113,esdb-2:2113,esdb-3:2113\?tls=false/g)).toHaveLength(2);
  });
});

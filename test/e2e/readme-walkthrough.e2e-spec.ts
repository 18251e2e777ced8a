import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCarnet, type TestCarnet } from '../support/carnet-app.js';

const exec = promisify(execFile);

/** The README's curl walk-through, run as written against a live server: the documentation cannot rot. */
describe('README walk-through (scenario A with curl)', () => {
  let carnet: TestCarnet;
  let api: string;
  beforeAll(async () => {
    carnet = await startCarnet();
    await carnet.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(carnet.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => carnet.close());

  it('records CITÉES through step 14 exactly as the README says', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme)?.[1];
    expect(block).toBeDefined();
    await exec('bash', ['-e', '-c', block!], { env: { ...process.env, API: api, TOKEN: carnet.adminToken }, maxBuffer: 10 * 1024 * 1024 });

    const { body } = await carnet.http().get('/cooperations/coop:citees-marseille').expect(200);
    expect(body.members).toHaveLength(5);
    expect(body.roles.filter((r: { role: string }) => r.role === 'Coordinator')).toHaveLength(2);
    expect(body.lead.current.organisationName).toBe('La Cité des Transitions');
    expect(body.instances[0].seats).toHaveLength(5);
    expect(body.charters[0]).toMatchObject({ status: 'inForce', versionInForce: 1 });
    expect(body.charters[0].versions[0].signatures).toHaveLength(5);
    expect(body.phase).toBe('implementation');
  });
});

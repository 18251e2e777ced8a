import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

const CHROMIUM = '/usr/bin/chromium';

/** The web dashboard as a person uses it, in Debian's chromium (never a downloaded browser). */
describe('web dashboard', () => {
  let carnet: TestCarnet;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    if (!existsSync('dist/apps/dashboard/main.js')) throw new Error('the dashboard is not built: npm run build (npm install does it)');
    carnet = await startCarnet();
    await carnet.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(carnet.app.getHttpServer().address() as AddressInfo).port}`;
    await runSteps(carnet, scenarioA());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await carnet?.close();
  });

  it('lists the cooperations in French, live', async () => {
    await page.goto(`${base}/`);
    const row = page.locator(`tr[data-cooperation="${CITEES}"]`);
    await row.waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Coopérations');
    expect(await row.locator('[data-field="members"]').textContent()).toBe('5');
    await page.locator('#connection[data-state="live"]').waitFor();
    expect(await page.textContent('#connection')).toBe('En direct');
  });

  it('updates a counter and the activity feed without a reload', async () => {
    await carnet.http().post('/organisations').send({ organisationId: 'org:atis', name: 'ATIS', kind: 'supportNetwork' }).expect(201);
    await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:atis', membershipType: 'associatedPartner', joinedOn: '2026' }).expect(200);
    await page.locator(`tr[data-cooperation="${CITEES}"] [data-field="members"]:text-is("6")`).waitFor();
    expect(await page.locator('ol.timeline li').first().textContent()).toContain('ATIS rejoint la coopération');
  });

  it('shows a cooperation: members and roles, lead, charter signatures, instances, and its timeline growing live', async () => {
    await page.goto(`${base}/#/cooperations/${CITEES}`);
    await page.locator('#timeline li').first().waitFor();
    const text = (await page.textContent('main'))!;
    expect(text).toContain('La Cité des Transitions — 1 janv. 2026 → en cours');
    expect(text).toContain('5/5 signatures');
    expect(text).toContain('Comité de pilotage CITÉES');
    const before = await page.locator('#timeline li').count();
    await carnet.http().post(`/cooperations/${CITEES}/hand-over-role`).send({ role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', effectiveOn: '2027-01-01' }).expect(200);
    await page.locator('#timeline li', { hasText: 'Pilote : La Cité des Transitions (2026) → Inter-Made (2027–)' }).first().waitFor();
    expect(await page.locator('#timeline li').count()).toBeGreaterThan(before);
    mkdirSync('test/browser/artifacts', { recursive: true });
    await page.screenshot({ path: 'test/browser/artifacts/cooperation-page.png', fullPage: true });
  });

  it('switches to English and back', async () => {
    await page.click('#lang');
    await page.locator('h2', { hasText: 'Members and roles' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#connection')).toBe('Live');
    await page.click('#lang');
    await page.locator('h2', { hasText: 'Membres et rôles' }).waitFor();
  });

  it('renders names as text, never as markup, and keeps French writing intact', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">Habitant·e·s d’à côté';
    await carnet.http().post('/organisations').send({ organisationId: 'org:hostile', name: hostile, kind: 'residentsGroup' }).expect(201);
    await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:hostile', membershipType: 'member', joinedOn: '2026' }).expect(200);
    await page.goto(`${base}/#/cooperations/${CITEES}`);
    await page.locator('td', { hasText: 'Habitant·e·s d’à côté' }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('td', { hasText: '<img src=x' }).count()).toBe(1);
  });
});

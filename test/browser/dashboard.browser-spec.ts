import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CITEES, RESTOS_PASSERELLE, scenarioA, scenarioD, scenarioDSignaturesAndAfter } from '../../apps/cli/src/demo/scenarios.js';
import { ProjectionRunner } from '#projections';
import { ADMIN, admitJardinPartageDatedAsARange, runSteps, startCarnet, tokenFor, type TestCarnet } from '../support/carnet-app.js';

const CHROMIUM = '/usr/bin/chromium';
/** The sessionStorage key the dashboard keeps its bearer token under. */
const TOKEN_KEY = 'carnet.token';
/** The person reading the dashboard in most tests: an auditor reads everything and writes nothing. */
const AUDITOR = { sub: 'user:marianne', role: 'auditor' } as const;
/** How the history names the platform staff whose token recorded the scenarios (`carnet.http()`). */
const RECORDED_BY = `${ADMIN.sub} (administrateur·rice)`;
const RECORDED_BY_RE = RECORDED_BY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    await runSteps(carnet, [...scenarioA(), ...scenarioD(), ...scenarioDSignaturesAndAfter()]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await newTab(await tokenFor(AUDITOR, '8h'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await carnet?.close();
  });

  /**
   * A tab of its own (own sessionStorage). With `token`, the tab holds it as « Connexion » leaves it, set before
   * any script of each page runs: the tests that are not about signing in start signed in.
   */
  const newTab = async (token?: string): Promise<Page> => {
    const context = await browser.newContext();
    // Below the tests' own 45 s (testTimeout in jest.config.js): a wait that fails names its locator.
    context.setDefaultTimeout(20_000);
    if (token) await context.addInitScript({ content: `try { sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)}); } catch {}` });
    return context.newPage();
  };
  const storedToken = (tab: Page) => tab.evaluate(`[sessionStorage.getItem(${JSON.stringify(TOKEN_KEY)}), localStorage.getItem(${JSON.stringify(TOKEN_KEY)})]`) as Promise<[string | null, string | null]>;

  /** Waits for a condition on the test's side (the page's own waits are playwright's locators). */
  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 20_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };

  type Rows = ArrayLike<{ cells: ArrayLike<{ innerText: string }> }>;
  /** Each row's cell texts, read in one go in the page: a live redraw may replace the table between two reads. */
  const rowsOfIn = (tab: Page, selector: string) =>
    tab.evaluate(
      (rows) => Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): Rows } }).document.querySelectorAll(rows), (row) => Array.from(row.cells, (cell) => cell.innerText)),
      selector,
    );
  const rowOfIn = async (tab: Page, selector: string, text: string) => (await rowsOfIn(tab, selector)).find((cells) => cells.some((cell) => cell.includes(text))) ?? [];
  const rowsOf = (selector: string) => rowsOfIn(page, selector);
  const rowOf = (selector: string, text: string) => rowOfIn(page, selector, text);
  /** Goes to a page and waits for it to be drawn: a change of hash alone returns before the page is. */
  const open = async (hash: string, title: string) => {
    await page.goto(`${base}/${hash}`);
    await page.locator('h1', { hasText: title }).waitFor();
  };

  it('lists the cooperations in French, live', async () => {
    await page.goto(`${base}/`);
    const row = page.locator(`tr[data-cooperation="${CITEES}"]`);
    await row.waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Coopérations');
    expect(await row.locator('[data-field="members"]').textContent()).toBe('5');
    // The activity feed opens on what the log recorded last (GET /dashboard), newest first, before anything arrives live.
    const { recentActivity } = (await carnet.http().get('/dashboard?lang=fr').expect(200)).body;
    expect(await page.locator('ol.timeline li').count()).toBe(20);
    expect(await page.locator('ol.timeline li').first().textContent()).toContain(recentActivity[0].label);
    await page.locator('#connection[data-state="live"]').waitFor();
    expect(await page.textContent('#connection')).toBe('En direct');
    expect(await page.textContent('#whoami')).toBe('Connecté·e : user:marianne (auditeur·rice)');
    expect(await page.textContent('#sign-out')).toBe('Se déconnecter');
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
    expect(text).toContain('La Cité des Transitions — 1er janv. 2026 → en cours');
    expect(text).toContain('5/5 signatures');
    // The charter register (domain.md §10.1): every version, who wrote it and what it changed, who signed it and as what.
    expect(await page.locator('#charters ul.charters > li').first().evaluate((li) => li.firstChild?.textContent)).toBe('Charte de coopération CITÉES — en vigueur');
    const version1 = page.locator('#charters li[data-version="1"]');
    expect(await version1.locator('strong').textContent()).toBe('Version 1');
    expect(await version1.locator(':scope > div.muted').allTextContents()).toEqual([
      'Rédigée par La Cité des Transitions — Première version co-écrite par les cinq membres',
      'Sections modifiées : objet, membres et rôles, gouvernance',
    ]);
    expect(await version1.locator('progress').getAttribute('aria-label')).toBe('5/5 signatures');
    const signatories = await version1.locator('ul.signatories li').allTextContents();
    expect(signatories).toHaveLength(5);
    expect(signatories).toContain('Banlieues Santé — Yassine Ennomany, Directeur (déc. 2025)');
    // A role's scope in French, as the timeline says it: « Financeur (coopération) », not « (cooperation) ».
    expect(await page.locator('#members tr', { hasText: 'Fondation Macif' }).locator('.tag', { hasText: 'Financeur' }).textContent()).toBe('Financeur (coopération)');
    expect(text).toContain('Comité de pilotage CITÉES');
    const before = await page.locator('#timeline li').count();
    // A keyboard user on the CSV button, and the timeline's live region, as they are before the update.
    await page.focus('button.timeline-download');
    await page.evaluate(`window.__timeline = document.querySelector('#timeline')`);
    await carnet.http().post(`/cooperations/${CITEES}/hand-over-role`).send({ role: 'Lead', fromOrganisationId: 'org:cite-des-transitions', toOrganisationId: 'org:inter-made', effectiveOn: '2027-01-01' }).expect(200);
    await page.locator('#timeline li', { hasText: 'Pilote : La Cité des Transitions (2026) → Inter-Made (2027–)' }).first().waitFor();
    // A term that has not begun yet reads « à venir », not « en cours » (the API says which, against the server's today).
    const { lead } = (await carnet.http().get(`/cooperations/${CITEES}`).expect(200)).body;
    const next = lead.history.find((l: { organisationName: string }) => l.organisationName === 'Inter-Made');
    await page.locator('li', { hasText: `Inter-Made — 1er janv. 2027 → ${next.upcoming ? '… (à venir)' : 'en cours'}` }).waitFor();
    expect(await page.locator('#timeline li').count()).toBeGreaterThan(before);
    // Redrawn in place: the focus stayed on the button, and the live region is the same element, not a new one.
    expect(await page.evaluate(`[document.activeElement?.className, document.querySelector('#timeline') === window.__timeline]`)).toEqual(['timeline-download', true]);
    mkdirSync('test/browser/artifacts', { recursive: true });
    await page.screenshot({ path: 'test/browser/artifacts/cooperation-page.png', fullPage: true });
  });

  it('dates a timeline item given as a range from its start to its end, live and once reloaded', async () => {
    // The live item (li.new) is replaced by the redraw from the API at once: what it showed is caught as it is added.
    await page.evaluate(`window.__liveItems = [];
      new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((node) => {
        if (node.matches?.('li.new')) window.__liveItems.push(node.textContent);
      }))).observe(document.querySelector('#timeline').parentElement, { childList: true, subtree: true });`);
    await admitJardinPartageDatedAsARange(carnet, CITEES);
    // A function, not a string: the page polls a string predicate with eval, which its Content-Security-Policy refuses
    // (the wait failed whenever the item was not there at the first check).
    await page.waitForFunction(() => (globalThis as unknown as { __liveItems: string[] }).__liveItems.some((text) => text.includes('Jardin partagé')));
    expect((await page.evaluate(`window.__liveItems`)) as string[]).toEqual([expect.stringMatching(/^vers janv\. 2026 → juin 2026.*Jardin partagé/)]);
    const item = page.locator('#timeline li', { hasText: 'Jardin partagé' });
    await item.waitFor();
    expect(await item.locator('span.muted').textContent()).toBe('vers janv. 2026 → juin 2026');
    await page.reload();
    await item.waitFor();
    expect(await item.locator('span.muted').textContent()).toBe('vers janv. 2026 → juin 2026');
  });

  it('shows what is recorded while the page reads the API: subscribed first, the update is held, then drawn', async () => {
    const tab = await newTab(await tokenFor(AUDITOR, '1h'));
    // The page's first read of the timeline is answered as it stood before a milestone was planned meanwhile.
    await tab.route(
      (url) => url.pathname.endsWith('/timeline'),
      async (route) => {
        const before = await route.fetch();
        await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: 'milestone:citees-forum', label: 'Forum des partenaires', kind: 'other', dueBy: '2030-06' }).expect(200);
        await route.fulfill({ response: before });
      },
      { times: 1 },
    );
    await tab.goto(`${base}/#/cooperations/${CITEES}`);
    await tab.locator('#timeline li', { hasText: 'Jalon prévu : Forum des partenaires (échéance : juin 2030)' }).first().waitFor();
    await tab.context().close();
  });

  it('shows a fact once when the page read it and was also sent it: the feed starts where the read models are', async () => {
    const tab = await newTab(await tokenFor(AUDITOR, '1h'));
    const label = 'Jalon prévu : Journée des communs (échéance : septembre 2030)';
    // The page's first read of the timeline already holds a milestone planned after it subscribed, which the feed also
    // sends; the redraw that follows is held until the page is checked, so a duplicate would still be there.
    let redrawn: () => void = () => undefined;
    const redrawHeld = new Promise<void>((resolve) => (redrawn = resolve));
    let reads = 0;
    await tab.route(
      (url) => url.pathname.endsWith('/timeline'),
      async (route) => {
        reads += 1;
        if (reads === 1) {
          await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: 'milestone:citees-communs', label: 'Journée des communs', kind: 'other', dueBy: '2030-09' }).expect(200);
          await carnet.app.get(ProjectionRunner).waitUntilCaughtUp();
        } else await redrawHeld;
        await route.fulfill({ response: await route.fetch() });
      },
    );
    try {
      await tab.goto(`${base}/#/cooperations/${CITEES}`);
      await tab.locator('#timeline li', { hasText: label }).first().waitFor();
      await until(() => reads === 2, 'the redraw’s read of the timeline');
      expect(await tab.locator('#timeline li', { hasText: label }).count()).toBe(1);
    } finally {
      redrawn();
      // The held read goes on to fetch once released: closing under it failed every test of this file ("Request context
      // disposed", thrown in the route's callback) whenever the close won the race, as on a loaded CI machine.
      await tab.unrouteAll({ behavior: 'wait' });
      await tab.context().close();
    }
  });

  it('switches to English and back', async () => {
    await page.click('#lang');
    await page.locator('h2', { hasText: 'Members and roles' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The page subscribes anew once drawn: wait for the connection rather than race it.
    await page.locator('#connection[data-state="live"]').waitFor();
    expect(await page.textContent('#connection')).toBe('Live');
    expect(await page.textContent('#whoami')).toBe('Signed in: user:marianne (auditor)');
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

  describe('alerts, commitments, decisions and actions (scenarios A and D)', () => {
    /** Scenario A's comité de pilotage of December 2025, as its decision log and each of its decisions' dossiers show it. */
    const CITEES_COPIL_DECEMBER_2025 = [
      ['Fondation Macif\nBouchra Rguibi', 'membre', 'présent·e'],
      ['Banlieues Santé\nYassine Ennomany', 'membre', 'présent·e'],
      ['La Cité des Transitions\nMarianne Morini', 'membre', 'présent·e'],
      ['Inter-Made\nPhilippine Ménier', 'membre', 'présent·e'],
      ['France Active Provence-Alpes-Côte d’Azur\nReprésentant·e France Active PACA', 'membre', 'présent·e'],
    ];

    const restos = `/cooperations/${RESTOS_PASSERELLE}`;
    /** What APPUI's 2016 annual review of the Restos Passerelle found (scenario D). */
    const FINDINGS_2016 = 'Plus de 30 % d’emplois durables et 60 % de sorties dynamiques';
    const send = (path: string, body: object) => carnet.http().post(path).send(body).expect(200);
    const meetingRows = (meetingId: string) => rowsOf(`[data-meeting="${meetingId}"] tbody tr`);

    it('shows the alerts of a cooperation near the top, and one more live when a third of the seats ask for a meeting', async () => {
      await open(`#${restos}`, 'Restos Passerelle');
      expect(await page.locator('main section').first().getAttribute('id')).toBe('alerts');
      expect(await page.textContent('#alerts h2')).toBe('Alertes');
      // 2015 and 2018 are past whatever today is: the server computes these against the real date.
      expect(await page.locator('#alerts li.meetingOverdue').allTextContents()).toContainEqual(expect.stringContaining('Réunion en retard Groupe de pilotage : pas de réunion depuis octobre 2015 (rythme prévu : 12 mois)'));
      expect(await page.textContent('#alerts li.milestoneOverdue')).toContain('Jalon en retard Centrale d’achat (à terme) : échéance 2018 dépassée (depuis le 1er janv. 2019)');
      expect(await page.locator('#alerts li.mustConvene').count()).toBe(0);
      for (const [requestId, seatId] of [['request:gp-1', 'seat:gp-agds'], ['request:gp-2', 'seat:gp-afrique-et-espoirs']]) {
        await send(`${restos}/request-meeting-convening`, { requestId, instanceId: 'instance:groupe-de-pilotage', requestedBySeatId: seatId, topic: 'centrale d’achat', requestedOn: '2016-06' });
      }
      await page.locator('#alerts li.mustConvene', { hasText: 'Groupe de pilotage : une réunion doit être convoquée (2 demandes sur 2 requises)' }).waitFor();
    });

    it('shows the commitment ledger: euros, « montant non communiqué », a total that leaves them out, and a disbursement live', async () => {
      const joint = () => rowOf('#ledger tbody tr', 'Ville de Saint-Denis');
      expect(await joint()).toEqual([
        'Ville de Saint-Denis\nconjointement avec Plaine Commune, Bailleurs sociaux de Saint-Denis, Sous-préfecture de Saint-Denis\nbénéficiaire : APPUI',
        'subvention',
        'ingénierie de coopération\naccompagnement à la transformation de cuisines informelles, études de faisabilité',
        expect.stringMatching(/^90\s000,00\s€$/),
        'en cours',
        expect.stringMatching(/^0,00\s€$/),
      ]);
      expect(await page.locator('#ledger em.undisclosed').allTextContents()).toEqual(Array(4).fill('montant non communiqué'));
      expect(await page.textContent('#ledger .totals')).toMatch(/^Total des montants connus : 90\s000,00\s€ · versé : 0,00\s€ · hors 4 montants non communiqués$/);
      await send(`${restos}/record-disbursement`, { commitmentId: 'commitment:ingenierie-90k', amount: { cents: 3_000_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2013-06' });
      await page.locator('#ledger .totals', { hasText: /versé : 30\s000,00\s€/ }).waitFor();
      // The figure paid, then each payment under it: how much, to whom, when.
      expect((await joint())[5]).toMatch(/^30\s000,00\s€\n30\s000,00\s€ à APPUI, juin 2013$/);
      expect(await page.locator('#ledger li[data-disbursement]').allTextContents()).toEqual([expect.stringMatching(/^30\s000,00\s€ à APPUI, juin 2013$/)]);
      // Restos Passerelle records no support decision: no such table.
      expect(await page.locator('#ledger table.support-decisions').count()).toBe(0);
      // Per funder, and the project apart from the members' structures (the État's insertion contracts fund their running).
      const byFunder = Object.fromEntries((await rowsOf('#ledger table.by-funder tbody tr')).map(([who, totals]) => [who, totals]));
      expect(byFunder['Ville de Saint-Denis']).toMatch(/^Total des montants connus : 90\s000,00\s€ · versé : 30\s000,00\s€$/);
      expect(byFunder['projet']).toMatch(/versé : 30\s000,00\s€/);
      expect(Object.keys(byFunder)).toContain('structures des membres');
    });

    it('shows the funding chain in the ledger: CITÉES’s support decision by the Fondation Macif and the commitment that follows from it', async () => {
      const tab = await newTab(await tokenFor(AUDITOR, '8h'));
      try {
        await tab.goto(`${base}/#/cooperations/${CITEES}`);
        await tab.locator('#ledger table.support-decisions').waitFor();
        expect(await tab.locator('#ledger h3').allTextContents()).toEqual(['Par financeur, et projet ou structures', 'Décisions de soutien']);
        expect(await rowsOfIn(tab, '#ledger table.support-decisions tbody tr')).toEqual([
          ['Fondation Macif', 'Commission régionale PACA & Corse\ncommission régionale Fondation', 'approuvée', 'montant non communiqué', '2025', '1'],
        ]);
        expect((await rowOfIn(tab, '#ledger tbody tr', 'coup d’élan'))[0]).toBe('Fondation Macif\ndécision de soutien : Commission régionale PACA & Corse');
      } finally {
        await tab.context().close();
      }
    });

    it('shows the decision log with the seats held and the attendance on each meeting’s date, not today’s', async () => {
      // APPUI takes a seat in 2016, after the 2015 meeting; the 2016 meeting answers the two requests.
      await send(`${restos}/assign-instance-seat`, { seatId: 'seat:gp-appui', instanceId: 'instance:groupe-de-pilotage', holderOrganisationId: 'org:appui', seatType: 'member', from: '2016' });
      const source = { document: '001_6896deeae8272fff.txt', confidence: 'assumedForDemo' };
      await send(`${restos}/schedule-meeting`, { meetingId: 'meeting:gp-2016-10', instanceId: 'instance:groupe-de-pilotage', scheduledFor: '2016-10', location: 'Aubervilliers', answersRequestIds: ['request:gp-1', 'request:gp-2'], source });
      const attendees = ['seat:gp-appui', 'seat:gp-agds', 'seat:gp-afrique-et-espoirs', 'seat:gp-taf-et-maffe-saint-denis'].map((seatId) => ({ seatId }));
      await send(`${restos}/record-meeting-held`, { meetingId: 'meeting:gp-2016-10', heldOn: '2016-10', attendees, apologies: ['seat:gp-marmite-d-afrique'], source });
      await send(`${restos}/record-decision`, { decisionId: 'decision:gp-centrale', instanceId: 'instance:groupe-de-pilotage', meetingId: 'meeting:gp-2016-10', subjectType: 'orientation', outcome: 'deferred', text: 'La centrale d’achat attendra', votes: { for: 1, against: 3, abstain: 0 }, decidedOn: '2016-10' });
      await page.locator('[data-decision="decision:gp-centrale"]').waitFor();

      expect(await page.textContent('#decisions h2')).toBe('Décisions');
      expect(await page.textContent('[data-instance="instance:groupe-de-pilotage"] h3')).toBe('Groupe de pilotage (comité de pilotage)');
      expect(await page.textContent('[data-meeting="meeting:gp-2015-10"] caption')).toBe('Composition à la date de la réunion (oct. 2015)');
      const in2015 = await meetingRows('meeting:gp-2015-10');
      expect(in2015).toEqual(['Taf et Maffé Saint-Denis', 'Taf et Maffé Aubervilliers', 'Afrique et Espoirs', 'AGDS', 'La Marmite d’Afrique'].map((name) => [name, 'membre', 'présent·e']));
      expect(await page.textContent('[data-meeting="meeting:gp-2015-10"]')).toContain('Invité·e·s : APPUI (équipe de coordination)');
      // Each meeting says what it is to settle (domain.md §10.1: upcoming meetings with their agendas).
      expect(await page.textContent('[data-meeting="meeting:gp-2015-10"] .agenda')).toBe('Ordre du jour : adoption de la charte');
      const in2016 = Object.fromEntries((await meetingRows('meeting:gp-2016-10')).map(([name, , attendance]) => [name, attendance]));
      expect(in2016).toEqual({
        'Taf et Maffé Saint-Denis': 'présent·e',
        'Taf et Maffé Aubervilliers': 'absent·e',
        'Afrique et Espoirs': 'présent·e',
        AGDS: 'présent·e',
        'La Marmite d’Afrique': 'excusé·e',
        APPUI: 'présent·e',
      });
      expect(await page.textContent('[data-decision="decision:gp-charte"]')).toBe('approuvée adoption de la charte — Le groupe de pilotage adopte la charte de coopération / manifeste (oct. 2015, par consensus) dossier');
      expect(await page.textContent('[data-decision="decision:gp-centrale"]')).toBe('reportée orientation — La centrale d’achat attendra (oct. 2016, 1 pour, 3 contre, 0 abstention(s)) dossier');
      // Today the committee has six seats; the requests are answered, so the alert is gone.
      expect(await page.textContent('#instances')).toContain('Groupe de pilotage (comité de pilotage) — 6 sièges');
      expect(await page.locator('#alerts li.mustConvene').count()).toBe(0);
      expect(await page.textContent('#alerts')).toContain('Groupe de pilotage : pas de réunion depuis octobre 2016');

      await open(`#/cooperations/${CITEES}`, 'CITÉES Marseille');
      expect(await page.textContent('[data-instance="instance:copil-citees"] h3')).toBe('Comité de pilotage CITÉES (comité de pilotage)');
      expect(await page.textContent('[data-meeting="meeting:copil-citees-1"] h4')).toBe('Réunion : déc. 2025 — tenue — Marseille hypothèse de démonstration');
      // Scenario A's committee meeting and its screening action rest on demo assumptions (source confidence D): both panels say so.
      expect(await page.locator('#decisions .tag.demo, #actions .tag.demo').evaluateAll((tags) => tags.map((tag) => [tag.closest('section')!.id, tag.textContent])))
        .toEqual([['decisions', 'hypothèse de démonstration'], ['actions', 'hypothèse de démonstration']]);
      expect(await meetingRows('meeting:copil-citees-1')).toEqual(CITEES_COPIL_DECEMBER_2025);
      expect(await page.textContent('[data-decision="decision:citees-charte"]')).toContain('Le comité adopte la charte de coopération CITÉES, version 1 (déc. 2025, par consensus)');
      expect(await page.textContent('#ledger .totals')).toMatch(/^Total des montants connus : 0,00\s€ · versé : 0,00\s€ · hors 1 montant non communiqué$/);
    });

    it('opens a decision’s dossier from the decision log: the body, who sat and came that day, the charter in force, what followed', async () => {
      await open(`#/cooperations/${CITEES}`, 'CITÉES Marseille');
      await page.locator('[data-decision="decision:citees-charte"] a.dossier-link').click();
      await page.locator('h1', { hasText: 'Dossier de décision' }).waitFor();
      expect(await page.textContent('h1')).toBe('Dossier de décision : adoption de la charte');
      expect(await page.textContent('#dossier-decision')).toContain('approuvée Le comité adopte la charte de coopération CITÉES, version 1');
      expect(await page.textContent('#dossier-body')).toContain('Comité de pilotage CITÉES (comité de pilotage)');
      expect(await rowsOf('#dossier-meeting tbody tr')).toEqual(CITEES_COPIL_DECEMBER_2025);
      expect(await page.textContent('#dossier-charters')).toContain('Aucune charte en vigueur ce jour-là.');
      expect(await page.locator('#dossier-consequences li').allTextContents()).toEqual([expect.stringMatching(/^Charte adoptée \(version 1\) \(Rév\. \d+\)$/)]);
      // On paper (or PDF): no buttons nor links to click, and a line saying when and from where it was printed.
      expect([await page.locator('button.print').isVisible(), await page.locator('p.printed').isVisible()]).toEqual([true, false]);
      await page.emulateMedia({ media: 'print' });
      try {
        expect([await page.locator('button.print').isVisible(), await page.locator('.page-tools').isVisible()]).toEqual([false, false]);
        expect(await page.locator('p.printed').isVisible()).toBe(true);
        expect(await page.textContent('p.printed')).toMatch(/^Édité par Carnet le .+ — http:\/\/.+#\/cooperations\/coop%3Acitees-marseille\/decisions\/decision%3Acitees-charte$/);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
      // Back to the cooperation, where the next tests read its panels.
      await page.locator('a', { hasText: '← Retour à la coopération' }).click();
      await page.locator('h1', { hasText: 'CITÉES Marseille' }).waitFor();
    });

    it('downloads the meetings calendar (.ics) with the session’s token, which a plain link could not send', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.calendar-download').click()]);
      expect(download.suggestedFilename()).toBe('coop-citees-marseille.ics');
      const ics = readFileSync((await download.path())!, 'utf8');
      expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:Comité de pilotage CITÉES — CITÉES Marseille (date : 2025-12\\, jour non précisé)');
    });

    it('downloads the timeline for a spreadsheet (.csv), in French, with the session’s token', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.timeline-download', { hasText: 'Chronologie pour tableur (.csv)' }).click()]);
      expect(download.suggestedFilename()).toBe('coop-citees-marseille-chronologie.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFDate;Précision;Approximative;Événement;Type;')).toBe(true);
      expect(csv).toContain(';CooperationProposed;');
    });

    it('shows the actions board: actions with lead, status and results (live), milestones planned, overdue and reached', async () => {
      const action = () => rowOf('#actions tbody tr', 'Dépistage déficit visuel');
      expect(await action()).toEqual(['Dépistage déficit visuel aux personnes sans droits hypothèse de démonstration\naccès aux soins', 'Banlieues Santé', 'lancée', '2026', '—']);
      // Due by December 2026: overdue or not depending on today's date, so only the date is checked.
      expect(await rowOf('#actions tr', 'Rotation du pilotage')).toEqual(['Rotation du pilotage', 'rotation du pilotage', expect.stringMatching(/^déc\. 2026/)]);
      expect(await page.textContent('#actions')).toContain('Aucun jalon atteint.');
      await send(`/cooperations/${CITEES}/complete-action`, { actionId: 'action:citees-depistage', completedOn: '2026-10', results: [{ label: 'personnes dépistées', value: 1250, unit: 'personnes' }], narrative: 'Dépistages menés' });
      await page.locator('#actions tbody tr', { hasText: 'terminée' }).waitFor();
      expect((await action()).slice(2)).toEqual(['terminée', '2026', expect.stringMatching(/^personnes dépistées : 1\s250 personnes\nterminée \(oct\. 2026\)$/)]);

      await open(`#${restos}`, 'Restos Passerelle');
      expect(await page.textContent('#actions')).toContain('Aucune action lancée.');
      expect(await rowOf('#actions tr', 'Centrale d’achat')).toEqual(['Centrale d’achat (à terme) hypothèse de démonstration', 'structuration', '2018 en retard']);
      expect(await rowOf('#actions tr', 'premier resto passerelle')).toEqual([
        'Création du premier resto passerelle (légalisation de cuisines informelles de foyers de travailleurs migrants)',
        'fondation',
        '2003 avant la coopération',
      ]);
      mkdirSync('test/browser/artifacts', { recursive: true });
      await page.screenshot({ path: 'test/browser/artifacts/cooperation-panels.png', fullPage: true });
    });

    it('shows the indicators and evaluations: the 2016 review by APPUI with its figures and findings, then an indicator agreed and measured, live', async () => {
      await open(`#${restos}`, 'Restos Passerelle');
      expect(await page.textContent('#indicators h2')).toBe('Indicateurs et évaluations');
      expect(await page.textContent('#indicators')).toContain('Aucun indicateur convenu.');
      // French writes thousands with a narrow no-break space (« 650 000 »), hence \s.
      const review2016 = ['2016', 'bilan annuel', 'APPUI', expect.stringMatching(/^repas servis par an : 650\s000 repas\nchiffre d’affaires cumulé : 2\s100\s000 €\n/), FINDINGS_2016];
      expect(await rowsOf('#indicators tbody tr')).toEqual([review2016]);

      // The groupe de pilotage agrees an indicator, which a 2017 review measures: the panel follows, the latest evaluation first.
      await send(`${restos}/record-decision`, {
        decisionId: 'decision:gp-indicateurs', instanceId: 'instance:groupe-de-pilotage', writtenProcedure: true, subjectType: 'indicators',
        outcome: 'approved', text: 'Indicateurs partagés de la coopération', decidedOn: '2017',
      });
      await send(`${restos}/agree-indicators`, {
        indicatorSetId: 'indicators:restos-2017', decisionId: 'decision:gp-indicateurs',
        indicators: [{ code: 'repas-par-an', label: 'Repas servis par an', unit: 'repas', baseline: 650_000, target: 700_000, frequency: 'annuel' }],
      });
      await send(`${restos}/record-evaluation`, {
        evaluationId: 'evaluation:restos-2017', kind: 'annualReview', conductedByOrganisationId: 'org:appui', period: { from: '2017', to: '2017' },
        measurements: [{ indicatorCode: 'repas-par-an', label: 'Repas servis par an', value: 672_000, unit: 'repas' }], findings: 'Bilan 2017', reportRef: 'rapport-appui-2017.pdf',
      });
      await page.locator('#indicators tbody tr', { hasText: 'Bilan 2017' }).waitFor();
      expect(await rowsOf('#indicators tbody tr')).toEqual([
        ['Repas servis par an', 'repas', expect.stringMatching(/^650\s000 → 700\s000$/), 'annuel', expect.stringMatching(/^2017 : 672\s000 repas$/)],
        ['2017', 'bilan annuel', 'APPUI', expect.stringMatching(/^Repas servis par an : 672\s000 repas$/), 'Bilan 2017\nrapport : rapport-appui-2017.pdf'],
        review2016,
      ]);
    });

    it('shows the four panels in English', async () => {
      await page.click('#lang');
      try {
        await page.locator('#alerts h2', { hasText: 'Alerts' }).waitFor();
        expect(await page.locator('main section h2').allTextContents()).toEqual([
          'Alerts', 'Members and roles', 'Lead history', 'Charters and signatures', 'Governance instances', 'Decision log', 'Commitments', 'Actions and milestones',
          'Indicators and evaluations', 'Timeline',
        ]);
        expect(await page.textContent('#alerts')).toContain('Milestone overdue Centrale d’achat (à terme): due 2018, not reached (since 1 Jan 2019)');
        expect(await page.locator('#ledger em.undisclosed').allTextContents()).toEqual(Array(4).fill('amount not disclosed'));
        expect(await page.textContent('#ledger .totals')).toBe('Total of known amounts: €90,000.00 · disbursed: €30,000.00 · excluding 4 amounts not disclosed');
        expect(await page.locator('#ledger li[data-disbursement]').allTextContents()).toEqual(['€30,000.00 to APPUI, Jun 2013']);
        expect(await page.textContent('[data-meeting="meeting:gp-2015-10"] caption')).toBe('Composition on the meeting’s date (Oct 2015)');
        expect(await rowOf('[data-meeting="meeting:gp-2016-10"] tbody tr', 'La Marmite')).toEqual(['La Marmite d’Afrique', 'member', 'apologised']);
        expect(await page.textContent('[data-decision="decision:gp-centrale"]')).toBe('deferred orientation — La centrale d’achat attendra (Oct 2016, 1 for, 3 against, 0 abstaining) dossier');
        expect(await rowOf('#actions tr', 'Centrale d’achat')).toEqual(['Centrale d’achat (à terme) demo assumption', 'structuring', '2018 overdue']);
        expect(await rowOf('#indicators tbody tr', FINDINGS_2016)).toEqual(['2016', 'annual review', 'APPUI', expect.stringMatching(/^repas servis par an: 650,000 repas\n/), FINDINGS_2016]);
        expect(await rowOf('#indicators tbody tr', 'Repas servis par an')).toEqual(['Repas servis par an', 'repas', '650,000 → 700,000', 'annuel', '2017: 672,000 repas']);
      } finally {
        await page.click('#lang');
        await page.locator('#alerts h2', { hasText: 'Alertes' }).waitFor();
      }
    });

    it('lists the alerts of every cooperation on the home page, each linking to its cooperation, and adds one live', async () => {
      await open('', 'Coopérations');
      const items = page.locator('#alerts li.alert');
      expect(await items.allTextContents()).toEqual(expect.arrayContaining([
        expect.stringMatching(/^Réunion en retard CITÉES Marseille — Comité de pilotage CITÉES : pas de réunion depuis décembre 2025/),
        expect.stringMatching(/^Jalon en retard Restos Passerelle — Centrale d’achat \(à terme\) : échéance 2018 dépassée/),
      ]));
      expect(await items.filter({ hasText: 'Centrale d’achat' }).locator('a').getAttribute('href')).toBe(`#/cooperations/${encodeURIComponent(RESTOS_PASSERELLE)}`);
      await send(`/cooperations/${CITEES}/plan-milestone`, { milestoneId: 'milestone:citees-bilan', label: 'Bilan de la première année', kind: 'other', dueBy: '2026-01' });
      const fresh = items.filter({ hasText: 'Bilan de la première année : échéance janvier 2026 dépassée' });
      await fresh.waitFor();
      mkdirSync('test/browser/artifacts', { recursive: true });
      await page.screenshot({ path: 'test/browser/artifacts/home-alerts.png', fullPage: true });
      await fresh.locator('a', { hasText: 'CITÉES Marseille' }).click();
      await page.locator('#actions tr', { hasText: 'Bilan de la première année' }).waitFor();
      expect(await page.textContent('#alerts')).toContain('Jalon en retard Bilan de la première année : échéance janvier 2026 dépassée');
      expect(await rowOf('#actions tr', 'Bilan de la première année')).toEqual(['Bilan de la première année', 'autre', 'janv. 2026 en retard']);
    });
  });

  describe('the auditor’s view of CITÉES', () => {
    const stream = `cooperation-${CITEES}`;
    const get = async <T>(path: string): Promise<T> => (await carnet.http().get(path).expect(200)).body as T;
    interface Stored {
      eventId: string;
      revision: number;
      type: string;
      data: Record<string, unknown>;
      metadata: { actor: { userId: string }; recordedAt: string; occurredAt?: { date: string }; source?: { document: string; confidence: string }; commandId: string; hash: string; previousHash: string };
    }
    const storedEvents = async () => (await get<{ events: Stored[] }>(`/cooperations/${CITEES}/events?limit=1000`)).events;
    const historyRows = () => rowsOf('#events tbody tr[data-revision]');
    const verdict = () => page.textContent('#verify-status .verdict');
    const toggleOf = (revision: number) => page.locator(`#events tr[data-revision="${revision}"] button`);
    /** The record time before the change this group records, and the revision the log was at then. */
    let noted: string;
    let revisionBefore: number;

    it('opens from the cooperation page: « Chaîne d’empreintes intacte » with as many events as GET /audit/verify checked', async () => {
      await open(`#/cooperations/${CITEES}`, 'CITÉES Marseille');
      await page.click('a:text-is("Audit / historique")');
      await page.locator('h1', { hasText: 'CITÉES Marseille — audit et historique' }).waitFor();
      await page.locator('#verify-status .verdict').waitFor();
      const report = await get<{ ok: boolean; eventsChecked: number; streamsChecked: number }>(`/audit/verify?streamId=${encodeURIComponent(stream)}`);
      const events = await storedEvents();
      expect(report).toMatchObject({ ok: true, eventsChecked: events.length, streamsChecked: 1 });
      expect(await verdict()).toBe(`Chaîne d’empreintes intacte — ${report.eventsChecked} événements vérifiés`);
      expect(await page.locator('main section h2').allTextContents()).toEqual(['Intégrité du journal', 'Corrections', 'État à une date', 'Historique des événements']);
      expect(await page.locator('#recheck').textContent()).toBe('Vérifier à nouveau');
    });

    it('lists the history in log order: record time, business date, readable type, actor, provenance and hash, page by page', async () => {
      const events = await storedEvents();
      expect(events.length).toBeGreaterThan(50);
      expect(await historyRows()).toHaveLength(50);
      expect(await page.textContent('#events caption')).toBe(`50 événements affichés sur ${events.length}, dans l’ordre du journal`);
      expect((await historyRows())[0]).toEqual([
        '0',
        expect.stringMatching(/ UTC$/),
        '2025',
        'Coopération proposée : CITÉES Marseille\nCooperationProposed',
        RECORDED_BY,
        '000_0dc475c9d600a2f3.txt, lignes 524-632\nénoncé dans la source',
        `${events[0]!.metadata.hash.slice(0, 12)}…`,
        'Afficher',
      ]);
      await page.click('#load-more');
      await page.locator(`#events tr[data-revision="${events.length - 1}"]`).waitFor();
      expect(await page.locator('#load-more').isHidden()).toBe(true);
      expect(await page.textContent('#events caption')).toBe(`${events.length} événements affichés sur ${events.length}, dans l’ordre du journal`);
      // Every stored event, in order, with its own record time, business date, type, actor and hash.
      const rows = await historyRows();
      const times = await page.locator('#events tbody tr[data-revision] time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));
      expect(times).toEqual(events.map((e) => e.metadata.recordedAt));
      expect(rows.map((cells) => [cells[0], cells[2], cells[3]!.split('\n').at(-1), cells[4], cells[6]])).toEqual(
        events.map((e) => [String(e.revision), e.metadata.occurredAt ? expect.any(String) : '—', e.type, `${e.metadata.actor.userId} (administrateur·rice)`, `${e.metadata.hash.slice(0, 12)}…`]),
      );
      // The committee rests on a demo assumption (source confidence D): its row says so.
      expect(await rowOf('#events tbody tr', 'GovernanceInstanceCreated')).toEqual([
        expect.any(String), expect.any(String), 'oct. 2025', expect.stringMatching(/^Instance créée : Comité de pilotage CITÉES.*\nGovernanceInstanceCreated$/),
        RECORDED_BY, '000_0dc475c9d600a2f3.txt hypothèse de démonstration', expect.any(String), 'Afficher',
      ]);
    });

    it('expands an event’s decision context: the command that recorded it, the other event it produced, its hashes', async () => {
      const events = await storedEvents();
      const inForce = events.find((e) => e.type === 'CharterEnteredIntoForce')!;
      const lastSignature = events.find((e) => e.type === 'CharterSigned' && e.metadata.commandId === inForce.metadata.commandId)!;
      const toggle = toggleOf(inForce.revision);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator(`#context-${inForce.revision}`).isHidden()).toBe(true);
      await toggle.click();
      const context = page.locator(`#context-${inForce.revision} .event-context`);
      await context.waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await toggle.getAttribute('aria-label')).toBe(`Masquer le contexte de la décision, révision ${inForce.revision}`);
      const text = (await context.textContent())!;
      expect(text).toContain(`Commande ${inForce.metadata.commandId}, enregistrée le`);
      expect(text).toContain(`par ${RECORDED_BY}.`);
      expect(text).toContain(inForce.metadata.hash);
      expect(text).toContain(inForce.metadata.previousHash);
      expect(await context.locator('ol.command-events li').allInnerTexts()).toEqual([
        expect.stringMatching(new RegExp(`UTC — Charte signée par France Active Provence-Alpes-Côte d’Azur \\(rév\\. ${lastSignature.revision}, ${RECORDED_BY_RE}\\)$`)),
        expect.stringMatching(new RegExp(`UTC — Charte en vigueur \\(version 1\\) \\(rév\\. ${inForce.revision}, ${RECORDED_BY_RE}\\) cet événement$`)),
      ]);
      expect(await context.locator('p.correlation').textContent()).toBe(`Chaîne de corrélation ${inForce.metadata.commandId} : cette commande seule, aucune requête liée.`);
      await toggle.click();
      expect(await page.locator(`#context-${inForce.revision}`).isHidden()).toBe(true);
    });

    it('shows the state as the log held it before a change, what changed since, and the two correlated requests', async () => {
      await page.locator('#connection[data-state="live"]').waitFor();
      const count = (await storedEvents()).length;
      revisionBefore = (await get<{ revision: number }>(`/cooperations/${CITEES}`)).revision;
      noted = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const correlationId = 'audit-browser-spec';
      await carnet.http().post('/organisations').set('X-Correlation-Id', correlationId).send({ organisationId: 'org:sante-nord', name: 'Collectif Santé Nord', kind: 'association' }).expect(201);
      await carnet.http().post(`/cooperations/${CITEES}/admit-member`).set('X-Correlation-Id', correlationId).send({ organisationId: 'org:sante-nord', membershipType: 'associatedPartner', joinedOn: '2026' }).expect(200);
      // Live: the history shown to its end gains the event, and the chain is checked again.
      await page.locator(`#events tr[data-revision="${revisionBefore + 1}"]`, { hasText: 'Collectif Santé Nord rejoint la coopération' }).waitFor();
      await page.locator('#verify-status .verdict', { hasText: `— ${count + 1} événements vérifiés` }).waitFor();

      await page.fill('#as-of-input', noted.slice(0, 23));
      await page.click('#as-of button[type="submit"]');
      await page.locator('#as-of-result h3', { hasText: `révision ${revisionBefore}` }).waitFor();
      expect(await page.textContent('#as-of-result h3')).toMatch(/^État au .* UTC — révision \d+$/);
      const then = await get<{ members: { name: string }[]; phase: string }>(`/cooperations/${CITEES}?asOf=${encodeURIComponent(noted)}`);
      const members = (await rowsOf('#as-of-result tbody tr')).map((cells) => cells[0]);
      expect(members.slice(0, then.members.length)).toEqual(then.members.map((m) => m.name));
      expect(members).toContain('Fondation Macif');
      expect(members).not.toContain('Collectif Santé Nord');
      expect(await page.textContent('#as-of-result p .tag')).toBe('Mise en œuvre');
      expect(new URL(page.url()).hash).toBe(`#/cooperations/${encodeURIComponent(CITEES)}/audit?asOf=${encodeURIComponent(noted)}`);

      await page.click('#what-changed');
      await page.locator('#diff h3').waitFor();
      expect(await page.textContent('#diff h3')).toMatch(new RegExp(`^Changements du .* UTC au .* UTC \\(révision ${revisionBefore} → ${revisionBefore + 1}\\)$`));
      expect(await page.locator('#diff [data-change]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-change')))).toEqual(['membersJoined']);
      expect(await page.locator('#diff [data-change="membersJoined"] li').allTextContents()).toEqual(['Collectif Santé Nord (2026)']);
      expect(await rowsOf('#diff tbody tr')).toEqual([
        [String(revisionBefore + 1), expect.stringMatching(/ UTC$/), '2026', 'Collectif Santé Nord rejoint la coopération\nMemberJoined', RECORDED_BY],
      ]);

      // The admission and the organisation's registration share a correlation id: the context chains them.
      await toggleOf(revisionBefore + 1).click();
      const chain = page.locator(`#context-${revisionBefore + 1} ol.correlation li`);
      await chain.first().waitFor();
      expect(await page.textContent(`#context-${revisionBefore + 1} h4:last-of-type`)).toBe(`Chaîne de corrélation ${correlationId} (2 événements)`);
      expect(await chain.allInnerTexts()).toEqual([
        expect.stringMatching(new RegExp(` UTC — OrganisationRegistered \\(organisation-org:sante-nord, rév\\. 0, ${RECORDED_BY_RE}\\)$`)),
        expect.stringMatching(new RegExp(` UTC — Collectif Santé Nord rejoint la coopération \\(rév\\. ${revisionBefore + 1}, ${RECORDED_BY_RE}\\) cet événement$`)),
      ]);
    });

    it('lists the corrections: the record, previous → corrected value, reason and when; the corrected event stays as recorded', async () => {
      expect(await page.textContent('#corrections')).toContain('Aucune correction : chaque enregistrement est tel qu’il a été saisi.');
      const designated = (await storedEvents()).find((e) => e.type === 'RepresentativeDesignated' && e.data.personId === 'person:yassine-ennomany')!;
      await carnet.http().post(`/cooperations/${CITEES}/correct-record`).send({
        correctedEventId: designated.eventId, fieldPath: 'title', previousValue: 'Directeur', correctedValue: 'Directeur général',
        reason: 'Titre incomplet dans la note de lancement', sourceRef: 'organigramme Banlieues Santé 2025',
      }).expect(200);
      await page.locator('#corrections tbody tr').waitFor();
      expect(await rowsOf('#corrections tbody tr')).toEqual([[
        expect.stringMatching(/ UTC$/),
        'Représentant·e désigné·e pour Banlieues Santé (corrigé)\nchamp title',
        '« Directeur » → « Directeur général »',
        'Titre incomplet dans la note de lancement\nsource : organigramme Banlieues Santé 2025',
      ]]);
      expect((await rowOf(`#events tr[data-revision="${designated.revision}"]`, 'RepresentativeDesignated'))[6]).toBe(`${designated.metadata.hash.slice(0, 12)}…`);
      await page.locator('#events tr[data-revision]', { hasText: 'RecordCorrected' }).waitFor();
      await page.click('#what-changed');
      await page.locator('#diff h4', { hasText: 'Événements enregistrés entre-temps (2)' }).waitFor();
      mkdirSync('test/browser/artifacts', { recursive: true });
      await page.screenshot({ path: 'test/browser/artifacts/audit-page.png', fullPage: true });
    });

    it('reads in English, the state shown kept in the address', async () => {
      const { eventsChecked } = await get<{ eventsChecked: number }>(`/audit/verify?streamId=${encodeURIComponent(stream)}`);
      await page.click('#lang');
      try {
        await page.locator('h1', { hasText: 'CITÉES Marseille — audit and history' }).waitFor();
        expect(await page.locator('main section h2').allTextContents()).toEqual(['Log integrity', 'Corrections', 'State at a date', 'Event history']);
        expect(await verdict()).toBe(`Hash chain intact — ${eventsChecked} events verified`);
        expect(await page.textContent('#as-of-result h3')).toMatch(new RegExp(`^State as of .* UTC — revision ${revisionBefore}$`));
        expect((await rowsOf('#as-of-result tbody tr')).map((cells) => cells[0])).not.toContain('Collectif Santé Nord');
        expect(await page.textContent('#what-changed')).toBe('What has changed since?');
        expect((await historyRows())[0]!.slice(3, 6)).toEqual(['Cooperation proposed: CITÉES Marseille\nCooperationProposed', `${ADMIN.sub} (administrator)`, '000_0dc475c9d600a2f3.txt, lines 524-632\nstated in the source']);
        expect((await rowsOf('#corrections tbody tr'))[0]![2]).toBe('“Directeur” → “Directeur général”');
      } finally {
        await page.click('#lang');
        await page.locator('h1', { hasText: 'CITÉES Marseille — audit et historique' }).waitFor();
      }
    });

    it('shows the cooperation as it stood on a business day: a member dated 2026 absent on 31 December 2025, there on 1 January', async () => {
      const showOn = async (day: string) => {
        await page.fill('#on-input', day);
        await page.click('#on-form button[type="submit"]');
        await page.locator('#as-of-result h3', { hasText: 'selon le journal actuel' }).waitFor();
        await page.locator('#as-of-result h3', { hasText: day === '2026-01-01' ? '1er janv. 2026' : '31 déc. 2025' }).waitFor();
        return (await rowsOf('#as-of-result tbody tr')).map((cells) => cells[0]);
      };
      const { revision } = await get<{ revision: number }>(`/cooperations/${CITEES}`);
      const eve = await showOn('2025-12-31');
      expect(await page.textContent('#as-of-result h3')).toBe(`Telle qu’elle était le 31 déc. 2025, selon le journal actuel — révision ${revision}`);
      const then = await get<{ members: { name: string }[] }>(`/cooperations/${CITEES}?on=2025-12-31`);
      expect(eve.slice(0, then.members.length)).toEqual(then.members.map((m) => m.name));
      expect(eve).toContain('Fondation Macif');
      expect(eve).not.toContain('Collectif Santé Nord');
      expect(await showOn('2026-01-01')).toContain('Collectif Santé Nord');
      await page.fill('#on-input', '2001-01-01');
      await page.click('#on-form button[type="submit"]');
      await page.locator('#as-of-result p.muted', { hasText: 'À cette date, la coopération n’était pas encore proposée.' }).waitFor();
    });

    it('shows a decision’s dossier as the log knew it just before a correction, then as corrected today', async () => {
      const { body: known } = await carnet.http().get(`/cooperations/${CITEES}/decisions/decision:citees-charte`).expect(200);
      await carnet.http().post(`/cooperations/${CITEES}/correct-record`).send({
        correctedEventId: known.decision.eventId, fieldPath: 'text', previousValue: known.decision.text,
        correctedValue: 'Le comité adopte à l’unanimité la charte CITÉES, version 1', reason: 'relevé de décisions approuvé en janvier',
      }).expect(200);
      await open(`#/cooperations/${CITEES}/decisions/decision:citees-charte`, 'Dossier de décision : adoption de la charte');
      expect(await page.textContent('#dossier-decision')).toContain('Le comité adopte à l’unanimité la charte CITÉES, version 1');
      expect(await page.locator('p.as-known').count()).toBe(0);
      await page.locator('#corrections a.known-before', { hasText: 'dossier tel que connu avant' }).click();
      await page.locator('p.as-known').waitFor();
      expect(await page.textContent('p.as-known')).toMatch(/^Tel que le journal le connaissait le .+ UTC — voir le dossier tel que corrigé aujourd’hui$/);
      expect(await page.textContent('#dossier-decision')).toContain(known.decision.text);
      expect(await page.textContent('#corrections')).toContain('Aucune correction');
      await page.locator('p.as-known a').click();
      await page.locator('#corrections a.known-before').waitFor();
      expect(await page.locator('p.as-known').count()).toBe(0);
      expect(await page.textContent('#dossier-decision')).toContain('Le comité adopte à l’unanimité la charte CITÉES, version 1');
      // A second correction: just before it, the dossier lists the first, named in French as the log read then.
      await carnet.http().post(`/cooperations/${CITEES}/correct-record`).send({
        correctedEventId: known.decision.eventId, fieldPath: 'text', previousValue: 'Le comité adopte à l’unanimité la charte CITÉES, version 1',
        correctedValue: 'Le comité adopte à l’unanimité la charte CITÉES (version 1)', reason: 'coquille',
      }).expect(200);
      await page.locator('#corrections tbody tr:nth-child(2) a.known-before').click();
      await page.locator('p.as-known').waitFor();
      const [record] = (await rowsOf('#corrections tbody tr')).map((cells) => cells[1]!);
      expect(record).toMatch(/^Décision .+ : Le comité adopte à l’unanimité la charte CITÉES, version 1/);
      expect(record).not.toContain('DecisionRecorded');
    });

    it('names the first altered event in plain words, expected vs found, once « Vérifier à nouveau » finds a stored event edited behind Carnet’s back', async () => {
      await open(`#/cooperations/${RESTOS_PASSERELLE}/audit`, 'Restos Passerelle — audit et historique');
      await page.locator('#verify-status .verdict.intact').waitFor();
      const db = carnet.store.database;
      const restosStream = `cooperation-${RESTOS_PASSERELLE}`;
      const row = db.prepare<[string], { position: number; event_id: string; data: string }>('SELECT position, event_id, data FROM events WHERE stream_id = ? AND revision = 0').get(restosStream)!;
      expect(row.data).toContain('Restos Passerelle');
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('Restos Passerelle', 'Restos Passerel1e'), row.position);
      try {
        const report = await get<{ ok: boolean; eventsChecked: number; firstBreak: { revision: number; eventId: string; reason: string; expected: string; found: string } }>(`/audit/verify?streamId=${encodeURIComponent(restosStream)}`);
        expect(report).toMatchObject({ ok: false, eventsChecked: 1, firstBreak: { revision: 0, eventId: row.event_id, reason: 'hashMismatch' } });
        expect(await verdict()).toMatch(/^Chaîne d’empreintes intacte/); // nothing changes until checked again
        await page.click('#recheck');
        await page.locator('#verify-status .verdict.broken').waitFor();
        expect(await verdict()).toBe('Chaîne d’empreintes rompue');
        const [terms, values] = await Promise.all([page.locator('#verify-status dl.break dt').allTextContents(), page.locator('#verify-status dl.break dd').allTextContents()]);
        expect(terms.map((term, i) => [term, values[i]])).toEqual([
          ['Événement', expect.stringMatching(new RegExp(`^Coopération proposée : Restos Passerelle.* ${row.event_id}$`))],
          ['Révision', '0'],
          ['Raison', expect.stringMatching(/^Le contenu de cet événement ne correspond plus à son empreinte : il a été modifié après son enregistrement\./)],
          ['Attendu', report.firstBreak.expected],
          ['Trouvé', report.firstBreak.found],
        ]);
        expect(report.firstBreak.expected).not.toBe(report.firstBreak.found);
      } finally {
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data, row.position);
      }
    });
  });

  describe('signing in, roles and hostile text', () => {
    const signInTitle = (tab: Page) => tab.locator('h1', { hasText: 'Connexion' });
    const message = (tab: Page) => tab.textContent('#sign-in-message');
    const submit = (tab: Page) => tab.click('#sign-in button[type="submit"]');

    it('asks for a token first; once an auditor’s token is pasted, shows the list and who is signed in, until « Se déconnecter »', async () => {
      const tab = await newTab();
      try {
        await tab.goto(`${base}/`);
        await signInTitle(tab).waitFor();
        expect(await tab.locator('tr[data-cooperation]').count()).toBe(0);
        expect(await tab.isHidden('#session')).toBe(true);
        expect(await tab.isHidden('#connection')).toBe(true);
        expect(await tab.textContent('#get-token')).toContain('npx carnet token --sub user:marianne');
        expect(await tab.textContent('#get-token')).toContain('fournisseur d’identité de votre organisation');
        await submit(tab);
        await tab.locator('#sign-in-message', { hasText: 'Collez d’abord votre jeton.' }).waitFor();
        await tab.fill('#token-input', 'pas-un-jeton');
        await submit(tab);
        await tab.locator('#sign-in-message', { hasText: 'Jeton refusé' }).waitFor();
        expect(await message(tab)).toBe('Jeton refusé : il est invalide, incomplet ou n’a pas été émis pour ce Carnet.');
        mkdirSync('test/browser/artifacts', { recursive: true });
        await tab.screenshot({ path: 'test/browser/artifacts/sign-in.png', fullPage: true });
        expect(await storedToken(tab)).toEqual([null, null]);

        const token = await tokenFor(AUDITOR, '1h');
        // As copied from a terminal: a `Bearer ` prefix and a line break are forgiven.
        await tab.fill('#token-input', `Bearer ${token.slice(0, 40)}\n${token.slice(40)}\n`);
        await submit(tab);
        await tab.locator(`tr[data-cooperation="${CITEES}"]`).waitFor();
        expect(await tab.textContent('h1')).toBe('Coopérations');
        expect(await tab.textContent('#whoami')).toBe('Connecté·e : user:marianne (auditeur·rice)');
        expect(await tab.locator(`tr[data-cooperation="${RESTOS_PASSERELLE}"]`).count()).toBe(1);
        await tab.locator('#connection[data-state="live"]').waitFor();
        await tab.screenshot({ path: 'test/browser/artifacts/signed-in-header.png', clip: { x: 0, y: 0, width: 1280, height: 120 } });
        // Kept in this tab only, never in the address.
        expect(await storedToken(tab)).toEqual([token, null]);
        expect(tab.url()).toBe(`${base}/`);

        await tab.click('#sign-out');
        await signInTitle(tab).waitFor();
        expect(await message(tab)).toBe('Vous êtes déconnecté·e.');
        expect(await storedToken(tab)).toEqual([null, null]);
        expect(await tab.isHidden('#session')).toBe(true);
      } finally {
        await tab.context().close();
      }
    });

    it('shows a member only its cooperation: the other one is « introuvable », like an unknown one', async () => {
      const member = await tokenFor({ sub: 'user:amina', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] });
      const tab = await newTab(member);
      try {
        await tab.goto(`${base}/`);
        await tab.locator(`tr[data-cooperation="${CITEES}"]`).waitFor();
        expect(await tab.locator('tr[data-cooperation]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-cooperation')))).toEqual([CITEES]);
        expect(await tab.textContent('#whoami')).toBe('Connecté·e : user:amina (membre)');
        expect(await tab.textContent('main')).not.toContain('Restos Passerelle');

        // Each address in a fresh page load, so that each « introuvable » is that page's own.
        for (const hash of [`#/cooperations/${RESTOS_PASSERELLE}`, `#/cooperations/${RESTOS_PASSERELLE}/audit`, '#/cooperations/coop:nulle-part']) {
          await tab.goto('about:blank');
          await tab.goto(`${base}/${hash}`);
          await tab.locator('main p.error', { hasText: 'Coopération introuvable.' }).waitFor();
          expect(await tab.locator('h1').count()).toBe(0);
        }

        // Its own cooperation opens, audit page included (a member may verify its own cooperation's chain).
        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(CITEES)}/audit`);
        await tab.locator('h1', { hasText: 'CITÉES Marseille — audit et historique' }).waitFor();
        await tab.locator('#verify-status .verdict.intact').waitFor();
        expect(await storedToken(tab)).toEqual([member, null]);
      } finally {
        await tab.context().close();
      }
    });

    it('turns a 403 on the chain verification into a short note, the rest of the audit page intact', async () => {
      const tab = await newTab(await tokenFor({ sub: 'user:amina', role: 'member', organisationId: 'org:banlieues-sante', cooperationIds: [CITEES] }));
      try {
        // As a deployment that keeps verification for auditors would answer.
        await tab.route('**/audit/verify?**', (route) =>
          route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Réservé aux auditeurs et à l’équipe de la plateforme', status: 403, code: 'AuditorOrAdminOnly' }) }),
        );
        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(CITEES)}/audit`);
        await tab.locator('h1', { hasText: 'CITÉES Marseille — audit et historique' }).waitFor();
        expect(await tab.textContent('#verify-status')).toBe('Réservé aux auditeur·rice·s et à l’équipe de la plateforme : votre rôle ne permet pas de vérifier ce journal.');
        expect(await tab.isHidden('#recheck')).toBe(true);
        expect(await tab.locator('#verification .error').count()).toBe(0);
        expect(await tab.locator('#events tbody tr[data-revision]').count()).toBeGreaterThan(0);
        expect(await tab.locator('main section h2').allTextContents()).toEqual(['Intégrité du journal', 'Corrections', 'État à une date', 'Historique des événements']);
      } finally {
        await tab.context().close();
      }
    });

    it('sends an expired token back to « Connexion », saying it expired', async () => {
      const expired = await tokenFor(AUDITOR, '1s');
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const tab = await newTab(expired);
      try {
        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(CITEES)}`);
        await signInTitle(tab).waitFor();
        expect(await message(tab)).toBe('Votre jeton a expiré : obtenez-en un nouveau, puis collez-le ici.');
        expect(await tab.locator('#sign-in-message').getAttribute('data-reason')).toBe('tokenExpired');
        expect(await storedToken(tab)).toEqual([null, null]);
        // Signing in again opens the page asked for.
        await tab.fill('#token-input', await tokenFor(AUDITOR, '1h'));
        await submit(tab);
        await tab.locator('h1', { hasText: 'CITÉES Marseille' }).waitFor();
      } finally {
        await tab.context().close();
      }
    });

    it('goes back to « Connexion » by itself when the token expires while the page is open (the live feed closes)', async () => {
      const tab = await newTab();
      try {
        await tab.goto(`${base}/`);
        await signInTitle(tab).waitFor();
        await tab.fill('#token-input', await tokenFor(AUDITOR, '3s'));
        await submit(tab);
        await tab.locator(`tr[data-cooperation="${CITEES}"]`).waitFor();
        await tab.locator('#connection[data-state="live"]').waitFor();
        // No request of the page's own: the server's `session-expired` on /live is what brings it back.
        await signInTitle(tab).waitFor({ timeout: 10_000 });
        expect(await message(tab)).toBe('Votre jeton a expiré : obtenez-en un nouveau, puis collez-le ici.');
        expect(await storedToken(tab)).toEqual([null, null]);
      } finally {
        await tab.context().close();
      }
    });

    it('renders French and hostile names exactly as text, live and on each page: no markup, no script run', async () => {
      const organisationName = 'Les Habitant·e·s d’Aubagne — l’Étang 🌿 <img src=x onerror="window.__xss=1">';
      const cooperationName = '« L’Étang des Habitant·e·s » 🌿 <img src=x onerror="window.__xss=2"><script>window.__xss=3</script> & Cie';
      const purpose = 'Faire vivre l’Étang ensemble — <b>jardins</b> partagés & « fêtes » d’été';
      const draftSummary = 'Premier jet — <img src=x onerror="window.__xss=4"> « objet » & d’été';
      const cooperationId = 'coop:etang-aubagne';
      const tab = await newTab(await tokenFor(AUDITOR, '1h'));
      try {
        await tab.goto(`${base}/`);
        await tab.locator('#connection[data-state="live"]').waitFor();
        await carnet.http().post('/organisations').send({ organisationId: 'org:habitants-aubagne', name: organisationName, kind: 'residentsGroup' }).expect(201);
        await carnet.http().post('/cooperations').send({
          cooperationId, name: cooperationName, purpose, territoryIds: ['territory:marseille'], form: 'collective', origin: 'preExisting', initiatorOrganisationIds: ['org:habitants-aubagne'],
        }).expect(201);
        await carnet.http().post(`/cooperations/${cooperationId}/admit-member`).send({ organisationId: 'org:habitants-aubagne', membershipType: 'member', joinedOn: '2026' }).expect(200);
        // Live: the new row and the feed.
        const row = tab.locator(`tr[data-cooperation="${cooperationId}"]`);
        await row.locator('[data-field="members"]:text-is("1")').waitFor();
        expect(await row.locator('a').textContent()).toBe(cooperationName);
        await tab.locator('ol.timeline li', { hasText: 'Les Habitant·e·s d’Aubagne' }).first().waitFor();
        expect(await tab.locator('ol.timeline li').first().textContent()).toContain(`${cooperationName} — ${organisationName}`);

        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(cooperationId)}`);
        await tab.locator('#members td', { hasText: 'Les Habitant·e·s d’Aubagne' }).waitFor();
        expect(await tab.textContent('h1')).toBe(cooperationName);
        expect(await tab.locator('main p', { hasText: 'Faire vivre' }).textContent()).toBe(purpose);
        expect((await rowOfIn(tab, '#members tbody tr', 'Aubagne'))[0]).toBe(organisationName);

        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(cooperationId)}/audit`);
        await tab.locator('#events tr[data-revision="0"]').waitFor();
        expect(await tab.textContent('h1')).toBe(`${cooperationName} — audit et historique`);
        expect((await rowOfIn(tab, '#events tbody tr', 'CooperationProposed'))[3]).toBe(`Coopération proposée : ${cooperationName}\nCooperationProposed`);
        expect(await tab.locator('#events tbody tr[data-revision] td:nth-child(5)').allTextContents()).toEqual([RECORDED_BY, RECORDED_BY]);

        // A charter draft, its summary and sections hostile text too: listed with who wrote it and what it changed, as text,
        // and no signature progress before any signature.
        await carnet.http().post(`/cooperations/${cooperationId}/start-charter-draft`).send({
          charterId: 'charter:etang-aubagne', kind: 'cooperationCharter', title: 'Charte de l’Étang', draftingOrganisationIds: ['org:habitants-aubagne'],
        }).expect(200);
        await carnet.http().post(`/cooperations/${cooperationId}/revise-charter-draft`).send({
          charterId: 'charter:etang-aubagne', version: 1, contributedByOrganisationId: 'org:habitants-aubagne', sectionsChanged: ['<b>objet</b>', 'fêtes d’été'], summary: draftSummary, contentHash: 'a'.repeat(64),
        }).expect(200);
        await tab.goto(`${base}/#/cooperations/${encodeURIComponent(cooperationId)}`);
        const draft = tab.locator('#charters li[data-version="1"]');
        await draft.waitFor();
        expect(await tab.locator('#charters ul.charters > li').first().evaluate((li) => li.firstChild?.textContent)).toBe('Charte de l’Étang — en rédaction');
        expect(await draft.evaluate((li) => `${li.childNodes[0]?.textContent}${li.childNodes[1]?.textContent}`)).toBe('Version 1 (en rédaction)');
        expect(await draft.locator(':scope > div.muted').allTextContents()).toEqual([`Rédigée par ${organisationName} — ${draftSummary}`, 'Sections modifiées : <b>objet</b>, fêtes d’été']);
        expect(await draft.locator('progress, ul.signatories').count()).toBe(0);

        expect(await tab.evaluate('window.__xss')).toBeUndefined();
        expect(await tab.locator('img, b, main script').count()).toBe(0);
      } finally {
        await tab.context().close();
      }
    });
  });

  it('goes live behind a proxy that refuses websockets: the feed falls back to long-polling', async () => {
    // A proxy as some networks have one: plain HTTP passes through, a websocket upgrade gets a 403.
    let refused = 0;
    const proxy = createServer((request, response) => {
      const upstream = httpRequest(`${base}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.destroy());
      // A long-poll the page gives up on is given up upstream too.
      response.on('close', () => upstream.destroy());
      request.pipe(upstream);
    });
    proxy.on('upgrade', (_request, socket: Duplex) => {
      refused += 1;
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const tab = await newTab(await tokenFor(AUDITOR, '1h'));
    try {
      await tab.goto(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/#/cooperations/${CITEES}`);
      await tab.locator('#connection[data-state="live"]').waitFor();
      // Drawn before the fact is recorded, so that only the feed can bring it (as a new item).
      await tab.locator('#timeline li').first().waitFor();
      await until(() => refused > 0, 'a refused websocket upgrade');
      await carnet.http().post('/organisations').send({ organisationId: 'org:tiers-lieu-nord', name: 'Tiers-lieu du Nord', kind: 'association' }).expect(201);
      await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:tiers-lieu-nord', membershipType: 'associatedPartner', joinedOn: '2026' }).expect(200);
      await tab.locator('#timeline li.new', { hasText: 'Tiers-lieu du Nord rejoint la coopération' }).waitFor();
    } finally {
      await tab.context().close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('keeps the activity feed as read when the read went past where its live feed starts: older updates neither go on top nor push read lines out', async () => {
    const runner = carnet.app.get(ProjectionRunner);
    const step = (n: number) => `Étape n°${String(n).padStart(2, '0')}`;
    const tab = await newTab(await tokenFor(AUDITOR, '1h'));
    // The read models are held back while 25 milestones are recorded, so the live feed starts before them; they catch
    // up just before the page's read of GET /dashboard, which then holds the newest 20 of them, and the feed sends all 25.
    await runner.stop();
    let started = false;
    try {
      for (let n = 1; n <= 25; n++) {
        await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: `milestone:citees-step-${n}`, label: step(n), kind: 'other', dueBy: '2031-01' }).expect(200);
      }
      await tab.route(
        (url) => url.pathname === '/dashboard',
        async (route) => {
          try {
            if (!started) runner.start();
            started = true;
            await runner.waitUntilCaughtUp(undefined, 20_000);
          } finally {
            await route.fulfill({ response: await route.fetch() });
          }
        },
        { times: 1 },
      );
      await tab.goto(`${base}/#/`);
      await tab.locator('ol.timeline li', { hasText: step(25) }).waitFor();
      // One more, live: the feed sends in order, so once it is listed every update sent before it has been handled.
      await carnet.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId: 'milestone:citees-step-26', label: step(26), kind: 'other', dueBy: '2031-01' }).expect(200);
      await tab.locator('ol.timeline li.new', { hasText: step(26) }).waitFor();
      const lines = await tab.locator('ol.timeline li').allInnerTexts();
      expect(lines.map((line) => /Étape n°(\d+)/.exec(line)?.[1])).toEqual(Array.from({ length: 20 }, (_, i) => String(26 - i).padStart(2, '0')));
      // Only the last one is new: the others were read, and the feed's older updates did not push the read lines out
      // (listed on top, each then evicted the oldest read line, whose own update then came back as new).
      expect(await tab.locator('ol.timeline li.new').allInnerTexts()).toEqual([expect.stringContaining(step(26))]);
    } finally {
      await tab.context().close();
      if (!started) runner.start();
      started = true;
      await runner.waitUntilCaughtUp(undefined, 20_000);
    }
  });
  it('shows the platform staff each webhook of the node, failing or delivering, with its latest attempts, read again while open', async () => {
    let down = true;
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(request.url === '/down' && down ? 503 : 200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // A node of its own, whose webhooks may post to this machine.
    const node = await startCarnet({ CARNET_WEBHOOK_RECEIVERS: 'any' }, { webhookDispatch: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50, timeoutMs: 2_000 } });
    const admin = await newTab(node.adminToken);
    const auditor = await newTab(await tokenFor(AUDITOR, '8h'));
    try {
      await node.app.listen(0, '127.0.0.1');
      const nodeBase = `http://127.0.0.1:${(node.app.getHttpServer().address() as AddressInfo).port}`;
      const { body: delivering } = await node.http().post('/webhooks').send({ url: `${receiverBase}/ok`, description: 'Tableau du financeur' }).expect(201);
      const { body: failing } = await node.http().post('/webhooks').send({ url: `${receiverBase}/down`, eventTypes: ['OrganisationRegistered'] }).expect(201);
      await node.http().post('/organisations').send({ organisationId: 'org:relais', name: 'Relais', kind: 'association' }).expect(201);

      await admin.goto(`${nodeBase}/#/`);
      await admin.locator('#webhooks-link').click();
      await admin.locator('h1', { hasText: 'Webhooks' }).waitFor();
      expect(await admin.locator('[data-field="read-at"]').innerText()).toMatch(/^Lu le .+ UTC\.$/);
      const ok = admin.locator(`[id="webhook-${delivering.webhookId}"]`);
      await ok.locator('h2', { hasText: 'Tableau du financeur' }).waitFor();
      expect(await ok.locator('[data-field="state"]').innerText()).toBe('livre normalement');
      expect(await ok.locator('dd').nth(1).innerText()).toBe('tous les types');
      expect(await ok.locator('dd').nth(2).innerText()).toBe('toutes les coopérations et les registres');
      expect((await rowsOfIn(admin, `[id="webhook-${delivering.webhookId}"] tbody tr`))[0]).toEqual([expect.any(String), 'OrganisationRegistered', '1', 'HTTP 200', expect.stringMatching(/^\d[\d\s\u202f]* ms$/)]);
      const ko = admin.locator(`[id="webhook-${failing.webhookId}"]`);
      // Attempts go on every 50–200 ms: the page lists those of its last read.
      await ko.locator('[data-field="state"]', { hasText: 'en échec depuis le' }).waitFor();
      expect(await ko.locator('[data-field="state"]').innerText()).toMatch(/^en échec depuis le .+ UTC : \d+ échec\(s\) de suite\nDernière erreur : HTTP 503$/);
      const attempts = await rowsOfIn(admin, `[id="webhook-${failing.webhookId}"] tbody tr`);
      expect(attempts.length).toBeGreaterThan(0);
      for (const cells of attempts) expect(cells.slice(1, 4)).toEqual(['OrganisationRegistered', expect.stringMatching(/^\d+$/), 'HTTP 503']);
      // The receiver is back: its next attempt is taken, and the open page shows it at its next read, without a reload.
      down = false;
      await ko.locator('[data-field="state"]', { hasText: 'livre normalement' }).waitFor();
      expect((await rowsOfIn(admin, `[id="webhook-${failing.webhookId}"] tbody tr`))[0]![3]).toBe('HTTP 200');
      expect(await admin.locator('#connection').isHidden()).toBe(true);
      await admin.locator('a.brand').click();
      await admin.locator('h1', { hasText: 'Coopérations' }).waitFor();
      expect(await admin.locator('#connection').isVisible()).toBe(true);

      // Anyone else: no link, and the address itself says the role does not open the page.
      await auditor.goto(`${nodeBase}/#/`);
      await auditor.locator('h1', { hasText: 'Coopérations' }).waitFor();
      expect(await auditor.locator('#webhooks-link').isHidden()).toBe(true);
      await auditor.goto(`${nodeBase}/#/webhooks`);
      await auditor.locator('p.error', { hasText: 'Votre rôle ne donne pas accès à cette page.' }).waitFor();
    } finally {
      await admin.context().close();
      await auditor.context().close();
      await node.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
  it('says in the history which facts are shared beyond the consortium (« partagé avec les financeurs »), and not of the others', async () => {
    const node = await startCarnet();
    const tab = await newTab(node.adminToken);
    try {
      await node.app.listen(0, '127.0.0.1');
      const nodeBase = `http://127.0.0.1:${(node.app.getHttpServer().address() as AddressInfo).port}`;
      await runSteps(node, scenarioA().slice(0, 13));
      const plan = (milestoneId: string, label: string, extra: object = {}) =>
        node.http().post(`/cooperations/${CITEES}/plan-milestone`).send({ milestoneId, label, kind: 'other', dueBy: '2030', ...extra }).expect(200);
      const { body: kept } = await plan('milestone:brouillon', 'Brouillon interne');
      const { body: shared } = await plan('milestone:bilan', 'Bilan pour les financeurs', { visibility: 'funders' });
      await tab.goto(`${nodeBase}/#/cooperations/${CITEES}/audit`);
      const sharedRow = tab.locator(`#events tr[data-revision="${shared.revision}"]`);
      await sharedRow.waitFor();
      expect(await sharedRow.locator('td').nth(5).innerText()).toBe('— partagé avec les financeurs');
      expect(await tab.locator(`#events tr[data-revision="${kept.revision}"] td`).nth(5).innerText()).toBe('—');
    } finally {
      await tab.context().close();
      await node.close();
    }
  });

  it('recounts the figures by phase when a live update brings a cooperation’s summary', async () => {
    await page.goto(`${base}/`);
    await page.locator('#connection[data-state="live"]').waitFor();
    // The feed goes live before the page reads the API and draws: the figures are counted once they are drawn.
    await page.locator('.figures [data-phase]').first().waitFor();
    const figure = (phase: string) => page.locator(`.figures [data-phase="${phase}"]`);
    const countOf = async (phase: string) => ((await figure(phase).count()) ? Number(await figure(phase).locator('strong').textContent()) : 0);
    const [identifying, diagnosing] = [await countOf('identification'), await countOf('diagnostic')];
    const coop = 'coop:atelier-velo';
    await carnet.http().post('/cooperations').send({
      cooperationId: coop, name: 'Atelier vélo solidaire', purpose: 'Réparer ensemble', levers: [], territoryIds: ['territory:marseille'], form: 'collective',
      origin: 'preExisting', initiatorOrganisationIds: ['org:fondation-macif'], thematicAreas: [],
    }).expect(201);
    await figure('identification').locator(`strong:text-is("${identifying + 1}")`).waitFor();
    expect(await figure('identification').textContent()).toBe(`${identifying + 1}Repérage`);
    await carnet.http().post(`/cooperations/${coop}/change-phase`).send({ fromPhase: 'identification', toPhase: 'diagnostic', rationale: 'Recenser les besoins' }).expect(200);
    await figure('diagnostic').locator(`strong:text-is("${diagnosing + 1}")`).waitFor();
    if (identifying) expect(await figure('identification').locator('strong').textContent()).toBe(String(identifying));
    else expect(await figure('identification').count()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { admitJardinPartageDatedAsARange, runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';
import { CITEES, scenarioA } from '../../apps/cli/src/demo/scenarios.js';

/** GET /cooperations/{id}/timeline.csv: the steering committee's timeline for a spreadsheet (RFC 4180). */
describe('the timeline as CSV', () => {
  let carnet: TestCarnet;
  const csv = async (lang: string, id = CITEES) => {
    const response = await carnet.http().get(`/cooperations/${encodeURIComponent(id)}/timeline.csv?lang=${lang}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return { status: response.status, type: response.headers['content-type'], disposition: response.headers['content-disposition'], bytes: response.body as Buffer };
  };
  /** RFC 4180 records: quoted fields may hold the separator, quotes doubled, and line breaks. */
  const records = (text: string, separator: string): string[][] => {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === separator) row.push(field), (field = '');
      else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
      else field += c;
    }
    return rows;
  };

  beforeAll(async () => {
    carnet = await startCarnet();
    await runSteps(carnet, scenarioA());
  });
  afterAll(async () => carnet.close());

  it('in French: UTF-8 with a byte order mark, `;` between columns, one line per timeline item in the same order', async () => {
    const { status, type, disposition, bytes } = await csv('fr');
    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8');
    expect(disposition).toBe('attachment; filename="coop-citees-marseille-chronologie.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = records(text, ';');
    expect(header).toEqual(['Date', 'Fin de période', 'Précision', 'Approximative', 'Événement', 'Type', 'Hypothèse de démonstration', 'Enregistré le', 'Par', 'Source', 'Identifiant']);
    const { items } = (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=fr`).expect(200)).body;
    expect(rows.map((r) => [r[0], r[4], r[5], r[10]])).toEqual(items.map((i: { date: { date: string }; label: string; type: string; eventId: string }) => [i.date.date, i.label, i.type, i.eventId]));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(rows.find((r) => r[5] === 'CooperationProposed')!.slice(1, 4)).toEqual(['', 'année', 'non']);
  });

  it('a business date given as a range (« janvier – juin 2026 ») keeps its end, in the timeline and in the file', async () => {
    await admitJardinPartageDatedAsARange(carnet, CITEES);
    const { items } = (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=fr`).expect(200)).body;
    const joined = items.find((i: { label: string }) => i.label.includes('Jardin partagé'));
    expect(joined.date).toEqual({ date: '2026-01', precision: 'range', to: '2026-06', approximate: true });
    const [, ...rows] = records((await csv('fr')).bytes.toString('utf8').slice(1), ';');
    expect(rows.find((r) => r[4]!.includes('Jardin partagé'))!.slice(0, 4)).toEqual(['2026-01', '2026-06', 'période', 'oui']);
  });

  it('in English, `,` between columns; a cell holding the separator, quotes or a line break is quoted, and one a spreadsheet would run as a formula is led by an apostrophe', async () => {
    const name = '=HYPERLINK("http://exemple.org";"ici"), "Atelier"';
    await carnet.http().post('/organisations').send({ organisationId: 'org:atelier-formule', name, kind: 'association' }).expect(201);
    await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:atelier-formule', membershipType: 'associatedPartner', joinedOn: '2026-11' }).expect(200);
    // A full-width equals sign some spreadsheets read as one.
    await carnet.http().post('/organisations').send({ organisationId: 'org:collectif-plein', name: '＝1+1 Collectif', kind: 'association' }).expect(201);
    await carnet.http().post(`/cooperations/${CITEES}/admit-member`).send({ organisationId: 'org:collectif-plein', membershipType: 'associatedPartner', joinedOn: '2026-11' }).expect(200);
    const { disposition, bytes } = await csv('en');
    expect(disposition).toBe('attachment; filename="coop-citees-marseille-timeline.csv"');
    const text = bytes.toString('utf8').slice(1);
    const [header, ...rows] = records(text, ',');
    expect(rows.find((r) => r[4]!.includes('1+1 Collectif'))![4]).toBe("'＝1+1 Collectif joined");
    expect(header!.slice(0, 5)).toEqual(['Date', 'Range end', 'Precision', 'Approximate', 'Event']);
    const joined = rows.find((r) => r[5] === 'MemberJoined' && r[4]!.includes('HYPERLINK'))!;
    // The label starts with the name: an apostrophe keeps the spreadsheet from running it.
    expect(joined[4]).toMatch(/^'=HYPERLINK\("http:\/\/exemple\.org";"ici"\), "Atelier" joined/);
    expect(joined[2]).toBe('month');
    // Holding the separator and quotes, it is quoted, its quotes doubled.
    expect(text).toContain('"\'=HYPERLINK(""http://exemple.org"";""ici""), ""Atelier"" joined');
    expect(rows.every((r) => !/^[=+\-@]/.test(r[4]!))).toBe(true);
  });

  it('an unknown cooperation is a 404 problem, as for the timeline', async () => {
    const response = await carnet.http().get('/cooperations/coop:inconnue/timeline.csv').expect(404);
    expect(response.body).toMatchObject({ code: 'CooperationNotFound' });
  });
});

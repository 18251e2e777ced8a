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
    // Columns are only added, at the end: a sheet reading « Événement » as the fourth column keeps working.
    expect(header).toEqual(['Date', 'Précision', 'Approximative', 'Événement', 'Type', 'Hypothèse de démonstration', 'Enregistré le', 'Par', 'Source', 'Identifiant', 'Fin de période']);
    const { items } = (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=fr`).expect(200)).body;
    expect(rows.map((r) => [r[0], r[3], r[4], r[9]])).toEqual(items.map((i: { date: { date: string }; label: string; type: string; eventId: string }) => [i.date.date, i.label, i.type, i.eventId]));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    const proposed = rows.find((r) => r[4] === 'CooperationProposed')!;
    expect([proposed[1], proposed[2], proposed[10]]).toEqual(['année', 'non', '']);
  });

  it('a business date given as a range (« janvier – juin 2026 ») keeps its end, in the timeline and in the file', async () => {
    await admitJardinPartageDatedAsARange(carnet, CITEES);
    const { items } = (await carnet.http().get(`/cooperations/${CITEES}/timeline?lang=fr`).expect(200)).body;
    const joined = items.find((i: { label: string }) => i.label.includes('Jardin partagé'));
    expect(joined.date).toEqual({ date: '2026-01', precision: 'range', to: '2026-06', approximate: true });
    const [, ...rows] = records((await csv('fr')).bytes.toString('utf8').slice(1), ';');
    const joinedRow = rows.find((r) => r[3]!.includes('Jardin partagé'))!;
    expect([joinedRow[0], joinedRow[1], joinedRow[2], joinedRow[10]]).toEqual(['2026-01', 'période', 'oui', '2026-06']);
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
    expect(rows.find((r) => r[3]!.includes('1+1 Collectif'))![3]).toBe("'＝1+1 Collectif joined");
    expect([...header!.slice(0, 4), header!.at(-1)]).toEqual(['Date', 'Precision', 'Approximate', 'Event', 'Range end']);
    const joined = rows.find((r) => r[4] === 'MemberJoined' && r[3]!.includes('HYPERLINK'))!;
    // The label starts with the name: an apostrophe keeps the spreadsheet from running it.
    expect(joined[3]).toMatch(/^'=HYPERLINK\("http:\/\/exemple\.org";"ici"\), "Atelier" joined/);
    expect(joined[1]).toBe('month');
    // Holding the separator and quotes, it is quoted, its quotes doubled.
    expect(text).toContain('"\'=HYPERLINK(""http://exemple.org"";""ici""), ""Atelier"" joined');
    expect(rows.every((r) => !/^[=+\-@]/.test(r[3]!))).toBe(true);
  });

  it('an unknown cooperation is a 404 problem, as for the timeline', async () => {
    const response = await carnet.http().get('/cooperations/coop:inconnue/timeline.csv').expect(404);
    expect(response.body).toMatchObject({ code: 'CooperationNotFound' });
  });
});

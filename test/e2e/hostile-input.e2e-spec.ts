import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { CITEES, scenarioA, scenarioAHandOver, type Step } from '../../apps/cli/src/demo/scenarios.js';
import { runSteps, startCarnet, type TestCarnet } from '../support/carnet-app.js';

/**
 * Hostile input battery (issue 5, scope 5). Every case below is GENERATED from tables — routes × payload mutations —
 * and sent with a valid admin token against a realistic log (scenario A, CITÉES Marseille). A hostile case must be
 * answered 4xx with an RFC 7807 problem body, never 5xx, and must append nothing (the global event count is read
 * before and after each one, and once more at the end). Legitimate French text (accents, `·e·s`, apostrophes,
 * guillemets, emoji, right-to-left names) — and injection strings in free-text positions, which are just text —
 * must be accepted and come back byte for byte through a GET.
 *
 * The mutated bodies replay scenario A's own commands, so a body the DTO wrongly let through would often be refused
 * by the domain anyway (422 "already exists"): cases therefore pin the status (400, 413, 415…), not just "a 4xx",
 * and the "on a new organisation" family sends bodies only the hostile part can get refused.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = Record<string, Json>;

interface Route {
  readonly path: string;
  /** A body the DTO accepts: each case breaks exactly one thing in it. */
  readonly body: Body;
  readonly required: readonly string[];
  /** Fields that take any JSON value (a correction's values): no type is wrong for them. */
  readonly anyJson?: readonly string[];
}

/** What came back: a supertest response, or the same three things read off a bare request. */
interface Sent {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly text: string;
}

interface HostileCase {
  readonly label: string;
  readonly send: () => PromiseLike<Sent>;
  /** The exact answer (or answers) when the case pins it; any 4xx problem otherwise. */
  readonly status?: number | readonly number[];
  readonly code?: string;
  /** A ValidationFailed answer must name only these fields (or fields under them). */
  readonly fields?: readonly string[];
}

const COOP = `/cooperations/${CITEES}`;
const SCENARIO: readonly Step[] = scenarioA();
const clone = <T>(value: T): T => structuredClone(value);
const valid = (path: string): Body => clone(SCENARIO.find((step) => step.path === path)!.body) as Body;
const command = (name: string): Body => valid(`${COOP}/${name}`);

/** Registries and a spread of cooperation commands, each with a body the DTO accepts (from scenario A where it has one). */
const ROUTES: readonly Route[] = [
  { path: '/organisations', body: valid('/organisations'), required: ['name', 'kind'] },
  { path: '/territories', body: valid('/territories'), required: ['name', 'kind'] },
  { path: '/programmes', body: valid('/programmes'), required: ['name', 'ownerOrganisationIds', 'period'] },
  { path: '/cooperations', body: valid('/cooperations'), required: ['name', 'purpose', 'territoryIds', 'form', 'origin', 'initiatorOrganisationIds'] },
  { path: `${COOP}/admit-member`, body: command('admit-member'), required: ['organisationId', 'membershipType', 'joinedOn'] },
  { path: `${COOP}/assign-role`, body: command('assign-role'), required: ['organisationId', 'role', 'from'] },
  { path: `${COOP}/designate-representative`, body: command('designate-representative'), required: ['organisationId', 'personId', 'title', 'capacities', 'from'] },
  { path: `${COOP}/record-support-decision`, body: command('record-support-decision'), required: ['deciderOrganisationId', 'decidingBody', 'bodyLabel', 'outcome', 'decidedOn'] },
  { path: `${COOP}/pledge-commitment`, body: command('pledge-commitment'), required: ['organisationId', 'kind', 'purpose', 'description', 'period'] },
  { path: `${COOP}/change-phase`, body: command('change-phase'), required: ['fromPhase', 'toPhase'] },
  { path: `${COOP}/start-territorial-diagnostic`, body: command('start-territorial-diagnostic'), required: ['method', 'leadOrganisationIds', 'startedOn'] },
  { path: `${COOP}/complete-territorial-diagnostic`, body: command('complete-territorial-diagnostic'), required: ['diagnosticId', 'findings'] },
  { path: `${COOP}/create-governance-instance`, body: command('create-governance-instance'), required: ['kind', 'label', 'frequency', 'chairingModel', 'createdOn'] },
  { path: `${COOP}/assign-instance-seat`, body: command('assign-instance-seat'), required: ['instanceId', 'holderOrganisationId', 'seatType', 'from'] },
  { path: `${COOP}/start-charter-draft`, body: command('start-charter-draft'), required: ['kind', 'title', 'draftingOrganisationIds'] },
  { path: `${COOP}/revise-charter-draft`, body: command('revise-charter-draft'), required: ['charterId', 'version', 'contributedByOrganisationId', 'summary', 'contentHash'] },
  { path: `${COOP}/schedule-meeting`, body: command('schedule-meeting'), required: ['instanceId', 'scheduledFor', 'location'] },
  { path: `${COOP}/record-meeting-held`, body: command('record-meeting-held'), required: ['meetingId', 'heldOn', 'attendees'] },
  { path: `${COOP}/record-decision`, body: command('record-decision'), required: ['instanceId', 'subjectType', 'outcome', 'text', 'decidedOn'] },
  { path: `${COOP}/adopt-charter`, body: command('adopt-charter'), required: ['charterId', 'version', 'instanceId', 'decisionId', 'adoptedOn', 'contentHash', 'requiredSignatoryOrganisationIds'] },
  { path: `${COOP}/sign-charter`, body: command('sign-charter'), required: ['charterId', 'version', 'organisationId', 'signatoryPersonId', 'signatoryCapacity', 'signedOn', 'contentHash'] },
  { path: `${COOP}/plan-milestone`, body: command('plan-milestone'), required: ['label', 'kind', 'dueBy'] },
  { path: `${COOP}/start`, body: command('start'), required: ['startedOn'] },
  { path: `${COOP}/launch-action`, body: command('launch-action'), required: ['title', 'description', 'leadOrganisationId', 'launchedOn'] },
  { path: `${COOP}/hand-over-role`, body: clone(scenarioAHandOver()[0]!.body) as Body, required: ['role', 'fromOrganisationId', 'toOrganisationId', 'effectiveOn'] },
  {
    path: `${COOP}/record-disbursement`,
    body: { commitmentId: 'commitment:macif-structuration', amount: { cents: 1_500_000, currency: 'EUR' }, toOrganisationId: 'org:banlieues-sante', disbursedOn: '2026-02' },
    required: ['commitmentId', 'amount', 'toOrganisationId', 'disbursedOn'],
  },
  { path: `${COOP}/withdraw-commitment`, body: { commitmentId: 'commitment:macif-societaires', reason: 'Réseau mobilisé autrement', withdrawnOn: '2026-03' }, required: ['commitmentId', 'reason', 'withdrawnOn'] },
  {
    path: `${COOP}/correct-record`,
    body: { correctedEventId: '01900000-0000-7000-8000-000000000000', fieldPath: 'title', previousValue: 'Dépistage', correctedValue: 'Dépistage visuel', reason: 'coquille' },
    required: ['correctedEventId', 'fieldPath', 'previousValue', 'correctedValue', 'reason'],
    anyJson: ['previousValue', 'correctedValue'],
  },
];

/** The routes the raw-body families (malformed JSON, content types, pollution, bytes) run against. */
const RAW_ROUTES = ROUTES.filter((route) =>
  ['/organisations', '/territories', '/programmes', '/cooperations', `${COOP}/admit-member`, `${COOP}/pledge-commitment`, `${COOP}/record-meeting-held`, `${COOP}/sign-charter`].includes(route.path),
);

const shortPath = (path: string): string => path.replace(COOP, '/cooperations/{id}');

// ---------------------------------------------------------------------------------------------------------------
// Body walking: every field of a valid body, nested objects and the first item of arrays of objects included.
// ---------------------------------------------------------------------------------------------------------------

type FieldPath = readonly (string | number)[];
const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldsOf = (value: Json, prefix: FieldPath = []): { path: FieldPath; value: Json }[] => {
  if (isObject(value)) return Object.entries(value).flatMap(([key, child]) => [{ path: [...prefix, key], value: child }, ...fieldsOf(child, [...prefix, key])]);
  if (Array.isArray(value) && isObject(value[0])) return fieldsOf(value[0], [...prefix, 0]);
  return [];
};

const setAt = (body: Body, path: FieldPath, value: Json | undefined): Body => {
  const copy = clone(body);
  let node: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
};

const dotted = (path: FieldPath): string => path.join('.');

/** The body's JSON text with `"key": rawValue` spliced into the object at `path` (raw, so that 1e400 or "__proto__" reach the server as written). */
const withRawAt = (body: Body, path: FieldPath, key: string, rawValue: string): string =>
  JSON.stringify(setAt(body, [...path, '\u0000slot'], 0)).replace('"\\u0000slot":0', `${JSON.stringify(key)}:${rawValue}`);

/** Values of the wrong JSON type for a field whose valid value is `value`. */
const wrongTypes = (value: Json): { kind: string; value: Json }[] => {
  if (typeof value === 'string') return [{ kind: 'number', value: 42 }, { kind: 'boolean', value: true }, { kind: 'object', value: { text: value } }, { kind: 'array', value: [value] }, { kind: 'null', value: null }];
  if (typeof value === 'number') return [{ kind: 'string', value: String(value) }, { kind: 'boolean', value: false }, { kind: 'array', value: [value] }, { kind: 'null', value: null }, { kind: 'fraction', value: value + 0.5 }];
  if (typeof value === 'boolean') return [{ kind: 'string', value: String(value) }, { kind: 'number', value: 1 }, { kind: 'null', value: null }];
  if (Array.isArray(value))
    return [
      { kind: 'string', value: value.map(String).join(',') },
      { kind: 'object', value: { ...value } },
      { kind: 'number', value: 1 },
      { kind: 'null', value: null },
      { kind: 'array of numbers', value: [1, 2] },
      { kind: 'array of arrays', value: [value] },
      { kind: 'array holding null', value: [...value, null] },
    ];
  return [{ kind: 'string', value: JSON.stringify(value) }, { kind: 'array', value: [value] }, { kind: 'number', value: 0 }, { kind: 'boolean', value: true }, { kind: 'null', value: null }];
};

// ---------------------------------------------------------------------------------------------------------------
// The app under attack, and how each case is sent and judged.
// ---------------------------------------------------------------------------------------------------------------

let carnet: TestCarnet;
let port = 0;

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) => carnet.http().post(path).set(headers).send(body as object);
/** POSTs JSON text as written (superagent sends a string as is). */
const postRaw = (path: string, raw: string) => carnet.http().post(path).set('Content-Type', 'application/json').send(raw);
const get = (path: string, headers: Record<string, string> = {}) => carnet.http().get(path).set(headers);

/** POSTs bytes exactly as given (supertest would serialise a Buffer sent as JSON into `{"type":"Buffer",…}`). */
const postBytes = (path: string, bytes: Buffer, headers: Record<string, string> = {}): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { Authorization: `Bearer ${carnet.adminToken}`, 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(bytes);
  });

/** Sends a request head on a bare socket, for what an HTTP client refuses to send (CR/LF inside a header value). */
const rawHttp = (head: string): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (out += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [headPart = '', ...rest] = out.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headPart.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') });
    });
  });

/** What is wrong with the answer to a hostile case; empty when it is a proper refusal. */
const faultsOf = (c: HostileCase, { status, headers, text }: Sent): string[] => {
  const faults: string[] = [];
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  const shown = `${status} ${contentType ?? '(no content type)'} ${text.slice(0, 400)}`;
  if (status < 400 || status > 499) faults.push(`expected a 4xx, got ${shown}`);
  const expected = c.status === undefined ? undefined : ([] as number[]).concat(c.status);
  if (expected && !expected.includes(status)) faults.push(`expected ${expected.join(' or ')}, got ${shown}`);
  if (!contentType?.startsWith('application/problem+json')) faults.push(`expected application/problem+json, got ${shown}`);
  let body: { status?: unknown; code?: unknown; title?: unknown; type?: unknown; errors?: { field: string }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    faults.push(`the body is not JSON: ${shown}`);
  }
  if (body.status !== status) faults.push(`problem.status ${String(body.status)} ≠ HTTP ${status}`);
  if (typeof body.code !== 'string' || typeof body.title !== 'string' || body.type !== `urn:carnet:problem:${String(body.code)}`) faults.push(`not an RFC 7807 Carnet problem: ${shown}`);
  if (c.code !== undefined && body.code !== c.code) faults.push(`expected code ${c.code}, got ${shown}`);
  if (c.fields && body.code === 'ValidationFailed') {
    const stray = (body.errors ?? []).map((e) => e.field).filter((field) => !c.fields!.some((f) => field === f || field.startsWith(`${f}.`)));
    if (stray.length) faults.push(`errors name fields the case did not touch: ${stray.join(', ')} (${shown})`);
  }
  // No stack trace, source path or SQL ever leaves in an error body.
  if (/SQLITE|node_modules|\.[jt]s:\d+|\n\s+at /.test(text)) faults.push(`leaks internals: ${shown}`);
  return faults;
};

/** One hostile case: refused properly, and nothing appended. */
const refused = async (c: HostileCase): Promise<void> => {
  const before = await carnet.eventCount();
  const sent = await c.send();
  const faults = faultsOf(c, { status: sent.status, headers: sent.headers, text: sent.text ?? '' });
  const after = await carnet.eventCount();
  if (after !== before) faults.push(`the log grew by ${after - before} event(s)`);
  expect(faults).toEqual([]);
};

/** The whole battery, by category, for the count check at the end. */
const battery = new Map<string, HostileCase[]>();
const family = (name: string, cases: HostileCase[]): void => {
  battery.set(name, cases);
  describe(name, () => {
    for (const c of cases) it(c.label, () => refused(c));
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Families of hostile cases.
// ---------------------------------------------------------------------------------------------------------------

/** Bodies that are not JSON a strict parser accepts, or not an object. `j` is a valid body's JSON text. */
const MALFORMED: readonly { kind: string; raw: (j: string) => string; code?: string }[] = [
  { kind: 'truncated', raw: (j) => j.slice(0, Math.floor(j.length / 2)), code: 'MalformedJson' },
  { kind: 'trailing comma', raw: (j) => `${j.slice(0, -1)},}`, code: 'MalformedJson' },
  { kind: 'trailing comma in an array', raw: (j) => `${j.slice(0, -1)},"extra":["a",]}`, code: 'MalformedJson' },
  { kind: 'NaN', raw: (j) => `${j.slice(0, -1)},"n":NaN}`, code: 'MalformedJson' },
  { kind: 'Infinity', raw: (j) => `${j.slice(0, -1)},"n":-Infinity}`, code: 'MalformedJson' },
  { kind: 'single quotes', raw: (j) => j.replaceAll('"', "'"), code: 'MalformedJson' },
  { kind: 'unquoted keys', raw: (j) => j.replace(/"([A-Za-z]+)":/g, '$1:'), code: 'MalformedJson' },
  { kind: 'a comment', raw: (j) => `/* hostile */${j}`, code: 'MalformedJson' },
  { kind: 'two byte order marks', raw: (j) => `\uFEFF\uFEFF${j}`, code: 'MalformedJson' },
  { kind: 'a byte order mark inside the object', raw: (j) => `{\uFEFF${j.slice(1)}`, code: 'MalformedJson' },
  { kind: 'a leading byte order mark on an empty object', raw: () => '\uFEFF{}' },
  { kind: 'two objects', raw: (j) => `${j}${j}`, code: 'MalformedJson' },
  { kind: 'garbage after the object', raw: (j) => `${j} garbage`, code: 'MalformedJson' },
  { kind: 'an array of the body', raw: (j) => `[${j}]` },
  { kind: 'an empty array', raw: () => '[]' },
  { kind: 'a string', raw: () => '"hello"', code: 'MalformedJson' },
  { kind: 'a number', raw: () => '42', code: 'MalformedJson' },
  { kind: 'null', raw: () => 'null', code: 'MalformedJson' },
  { kind: 'true', raw: () => 'true', code: 'MalformedJson' },
  { kind: 'an empty body', raw: () => '' },
  { kind: 'only whitespace', raw: () => ' \n\t ' },
  { kind: 'an empty object', raw: () => '{}' },
  { kind: 'a duplicated key whose last value is invalid', raw: (j) => `${j.slice(0, -1)},${j.slice(1, j.indexOf(':'))}:{"$gt":""}}` },
  // JSON.parse keeps the last of two equal keys: refused, the server cannot know which one the client meant. Refused
  // by verifyJsonBody (apps/api/src/http/json-body.ts) once app.factory.ts passes it to express.json as `verify`.
  { kind: 'a duplicated key whose first value is invalid', raw: (j) => `{${j.slice(1, j.indexOf(':'))}:{"$gt":""},${j.slice(1)}`, code: 'MalformedJson' },
  { kind: 'a duplicated key spelt with an escape', raw: (j) => `{${j.slice(1, j.indexOf(':')).replace(/^"(.)/, (_, c: string) => `"\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}:{"$gt":""},${j.slice(1)}`, code: 'MalformedJson' },
];

family(
  'malformed JSON',
  RAW_ROUTES.flatMap((route) =>
    MALFORMED.map((m) => ({
      label: `POST ${shortPath(route.path)} with ${m.kind}`,
      send: () => postRaw(route.path, m.raw(JSON.stringify(route.body))),
      status: 400,
      ...(m.code ? { code: m.code } : {}),
    })),
  ),
);

const CONTENT_TYPES: readonly { type: string; raw: (body: Body) => string; status: number }[] = [
  { type: 'text/plain', raw: (body) => JSON.stringify(body), status: 415 },
  { type: 'application/x-www-form-urlencoded', raw: (body) => new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString(), status: 415 },
  { type: 'multipart/form-data; boundary=xyz', raw: () => '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--\r\n', status: 415 },
  { type: 'application/xml', raw: () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', status: 415 },
  { type: 'application/octet-stream', raw: (body) => JSON.stringify(body), status: 415 },
  { type: 'text/html', raw: () => '<script>alert(1)</script>', status: 415 },
  { type: 'application/json; charset=latin1', raw: (body) => JSON.stringify(body), status: 415 },
  { type: 'application/json; charset=ebcdic-cp-us', raw: (body) => JSON.stringify(body), status: 415 },
];

family(
  'wrong content types',
  RAW_ROUTES.flatMap((route) => [
    ...CONTENT_TYPES.map((t) => ({ label: `POST ${shortPath(route.path)} as ${t.type}`, send: () => postBytes(route.path, Buffer.from(t.raw(route.body)), { 'Content-Type': t.type }), status: t.status })),
    { label: `POST ${shortPath(route.path)} gzip-encoded garbage`, send: () => postBytes(route.path, Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' }), status: 400 },
    { label: `POST ${shortPath(route.path)} with an unknown content encoding`, send: () => postBytes(route.path, Buffer.from(JSON.stringify(route.body)), { 'Content-Encoding': 'x-hostile' }), status: 415 },
    {
      // 413 where the inflater stops at the limit; 400 where the aborted stream's error wins the race (seen under jest).
      label: `POST ${shortPath(route.path)} gzip bomb (10 MB of spaces, 10 kB compressed)`,
      send: () => postBytes(route.path, gzipSync(Buffer.from(`{"name":"x"${' '.repeat(10 * 1024 * 1024)}}`)), { 'Content-Encoding': 'gzip' }),
      status: [413, 400],
    },
  ]),
);

family(
  'wrong types',
  ROUTES.flatMap((route) =>
    fieldsOf(route.body)
      .filter(({ path }) => !route.anyJson?.includes(String(path[0])))
      .flatMap(({ path, value }) =>
        wrongTypes(value).map((wrong) => ({
          label: `POST ${shortPath(route.path)} ${dotted(path)} as ${wrong.kind}`,
          send: () => postJson(route.path, setAt(route.body, path, wrong.value)),
          status: 400,
          code: 'ValidationFailed',
          // Under its top-level field: a money's wrong status also makes its cents wrong, and so on.
          fields: [String(path[0])],
        })),
      ),
  ),
);

family(
  'missing required fields',
  ROUTES.flatMap((route) =>
    route.required.map((field) => ({
      label: `POST ${shortPath(route.path)} without ${field}`,
      send: () => postJson(route.path, setAt(route.body, [field], undefined)),
      status: 400,
      code: 'ValidationFailed',
      fields: [field],
    })),
  ),
);

const UNKNOWN_FIELDS: readonly [string, Json][] = [
  ['isAdmin', true],
  ['actor', { userId: 'user:mallory', role: 'admin' }],
  ['$where', 'sleep(10000)'],
];

family(
  'unknown fields',
  ROUTES.flatMap((route) => {
    const nested = fieldsOf(route.body).find(({ value }) => isObject(value));
    return [
      ...UNKNOWN_FIELDS.map(([key, value]) => ({
        label: `POST ${shortPath(route.path)} with unknown ${key}`,
        send: () => postJson(route.path, { ...route.body, [key]: value }),
        status: 400,
        code: 'ValidationFailed',
        fields: [key],
      })),
      ...(nested
        ? [
            {
              label: `POST ${shortPath(route.path)} with unknown ${dotted(nested.path)}.isAdmin`,
              send: () => postJson(route.path, setAt(route.body, [...nested.path, 'isAdmin'], true)),
              status: 400,
              code: 'ValidationFailed',
              fields: [dotted(nested.path)],
            },
          ]
        : []),
    ];
  }),
);

const HUNDRED_KB = 'é'.repeat(50 * 1024); // 100 kB of UTF-8, under the 256 kB body limit
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const withRawField = (body: Body, key: string, rawValue: string): string => withRawAt(body, [], key, rawValue);

family(
  'huge and deep',
  ROUTES.flatMap((route) => {
    const fields = fieldsOf(route.body).filter(({ path }) => path.length === 1);
    const nested = fieldsOf(route.body).find(({ value }) => isObject(value));
    const text = fields.find(({ value }) => typeof value === 'string');
    const list = fields.find(({ value }) => Array.isArray(value));
    return [
      ...(text
        ? [
            { label: `POST ${shortPath(route.path)} ${dotted(text.path)} of 100 kB`, send: () => postJson(route.path, setAt(route.body, text.path, HUNDRED_KB)), status: 400, fields: [dotted(text.path)] },
            {
              label: `POST ${shortPath(route.path)} ${dotted(text.path)} of 300 kB (over the body limit)`,
              send: () => postJson(route.path, setAt(route.body, text.path, 'x'.repeat(300 * 1024))),
              status: 413,
              code: 'PayloadTooLarge',
            },
          ]
        : []),
      ...(list
        ? [
            {
              label: `POST ${shortPath(route.path)} ${dotted(list.path)} of 10 000 items`,
              send: () => postJson(route.path, setAt(route.body, list.path, Array.from({ length: 10_000 }, (_, i) => (isObject((list.value as Json[])[0]) ? {} : `org:item-${i}`)))),
              status: 400,
              fields: [dotted(list.path)],
            },
          ]
        : []),
      { label: `POST ${shortPath(route.path)} unknown field holding 10 000 items`, send: () => postJson(route.path, { ...route.body, extra: Array.from({ length: 10_000 }, () => 'x') }), status: 400 },
      { label: `POST ${shortPath(route.path)} object nested 10 000 deep`, send: () => postRaw(route.path, withRawField(route.body, 'deep', deepObject(10_000))), status: 400, code: 'ValidationFailed' },
      { label: `POST ${shortPath(route.path)} array nested 10 000 deep`, send: () => postRaw(route.path, withRawField(route.body, 'deep', deepArray(10_000))), status: 400, code: 'ValidationFailed' },
      { label: `POST ${shortPath(route.path)} a body that is itself nested 10 000 deep`, send: () => postRaw(route.path, deepObject(10_000)), status: 400, code: 'ValidationFailed' },
      ...(nested
        ? [{ label: `POST ${shortPath(route.path)} ${dotted(nested.path)}.deep nested 10 000 deep`, send: () => postRaw(route.path, withRawAt(route.body, nested.path, 'deep', deepObject(10_000))), status: 400, code: 'ValidationFailed' }]
        : []),
      ...(route.anyJson ?? []).map((field) => ({
        label: `POST ${shortPath(route.path)} ${field} (any JSON value) nested 10 000 deep`,
        send: () => postRaw(route.path, withRawField(setAt(route.body, [field], undefined), field, deepArray(10_000))),
        status: 400,
        code: 'ValidationFailed',
      })),
    ];
  }),
);

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const POLLUTION_PAYLOADS: readonly { kind: string; raw: string }[] = [
  { kind: 'a polluting object', raw: '{"polluted":"yes","toString":"boom"}' },
  { kind: 'a prototype chain', raw: '{"prototype":{"polluted":"yes"},"__proto__":{"polluted":"yes"}}' },
  { kind: 'a string', raw: '"polluted"' },
];

family(
  'prototype pollution',
  RAW_ROUTES.flatMap((route) => {
    // The body itself, then every object in it (array items included).
    const objects: FieldPath[] = [[], ...fieldsOf(route.body).filter(({ value }) => isObject(value)).map(({ path }) => path)].slice(0, 3);
    return POLLUTION_KEYS.flatMap((key) =>
      POLLUTION_PAYLOADS.flatMap((payload) =>
        objects.map((path) => ({
          label: `POST ${shortPath(route.path)} ${[...path, key].join('.')} holding ${payload.kind}`,
          send: () => postRaw(route.path, withRawAt(route.body, path, key, payload.raw)),
          status: 400,
          code: 'ValidationFailed',
        })),
      ),
    );
  }),
);

/** Strings that are not ids: each must be refused wherever the API expects one. */
const HOSTILE_IDS: readonly string[] = [
  'Not A Slug',
  '../../etc/passwd',
  'org:x/../../y',
  '..',
  'org:x\u0000',
  'org:%00',
  `org:${'a'.repeat(200)}`,
  `org:${'a'.repeat(10_000)}`,
  '',
  ' org:x',
  'ORG:X',
  '-org',
  'o',
  'org:x\n',
  'org:x\u200b',
  'org:ẋ',
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  "org:x' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  '${7*7}',
];

family(
  'invalid ids in the body',
  ROUTES.flatMap((route) => {
    const idFields = fieldsOf(route.body).filter(({ path, value }) => /Ids?$/.test(String(path.at(-1))) && (typeof value === 'string' || Array.isArray(value)));
    return idFields.flatMap(({ path, value }, index) =>
      // Every hostile id in the first id field of each route; a spread of them in the others.
      HOSTILE_IDS.filter((_, i) => index === 0 || i % 4 === index % 4).map((id) => ({
        label: `POST ${shortPath(route.path)} ${dotted(path)} = ${JSON.stringify(id.length > 40 ? `${id.slice(0, 20)}…(${id.length})` : id)}`,
        send: () => postJson(route.path, setAt(route.body, path, Array.isArray(value) ? [id] : id)),
        status: 400,
        code: 'ValidationFailed',
        fields: [dotted(path)],
      })),
    );
  }),
);

const HOSTILE_DATES: readonly { date: string; status: number }[] = [
  { date: '2025-13-45', status: 400 },
  { date: '2025-02-30', status: 400 },
  { date: '--09-19', status: 422 }, // yearless: well-formed but incomplete (IncompleteBusinessDate)
  { date: '20250101', status: 400 },
  { date: '2025-01-01T00:00:00Z<script>', status: 400 },
  { date: '2025-01-01T25:99:00Z', status: 400 },
  { date: '2025-1-1', status: 400 },
  { date: '0999', status: 400 },
  { date: '+002025', status: 400 },
  { date: '2025-W01', status: 400 },
  { date: ' 2025', status: 400 },
  { date: '2025\n', status: 400 },
  { date: '٢٠٢٥', status: 400 },
  { date: "2025'; DROP TABLE events; --", status: 400 },
];
const DATE_FIELD = /(On|^from|^to|^dueBy|^scheduledFor|^foundedIn|^date)$/;

family(
  'invalid dates',
  ROUTES.flatMap((route) =>
    fieldsOf(route.body)
      .filter(({ path, value }) => typeof value === 'string' && DATE_FIELD.test(String(path.at(-1))))
      .flatMap(({ path }) =>
        HOSTILE_DATES.map(({ date, status }) => ({
          label: `POST ${shortPath(route.path)} ${dotted(path)} = ${JSON.stringify(date)}`,
          send: () => postJson(route.path, setAt(route.body, path, date)),
          status,
          fields: [dotted(path)],
        })),
      ),
  ),
);

/** Money that is not `{ cents, currency: "EUR" }` or `{ status: "notDisclosed" }`; raw JSON so 1e400 reaches the server. */
const HOSTILE_MONEY: readonly string[] = [
  '{"cents":"150000","currency":"EUR"}',
  '{"cents":1500.5,"currency":"EUR"}',
  '{"cents":-150000,"currency":"EUR"}',
  '{"cents":1e400,"currency":"EUR"}',
  '{"cents":9007199254740993,"currency":"EUR"}',
  '{"cents":150000,"currency":"USD"}',
  '{"cents":150000,"currency":"eur"}',
  '{"cents":150000}',
  '{"status":"notDisclosed","cents":150000,"currency":"EUR"}',
  '{"status":"free"}',
  '{"cents":{"$gt":0},"currency":"EUR"}',
  '{"cents":[150000],"currency":"EUR"}',
  '"1 500 €"',
  '150000',
];

family(
  'invalid money',
  ROUTES.filter((route) => isObject(route.body.amount) || ['record-support-decision', 'pledge-commitment'].some((name) => route.path.endsWith(name))).flatMap((route) =>
    HOSTILE_MONEY.map((money) => ({
      label: `POST ${shortPath(route.path)} amount = ${money}`,
      send: () => postRaw(route.path, withRawField(setAt(route.body, ['amount'], undefined), 'amount', money)),
      status: 400,
      code: 'ValidationFailed',
      fields: ['amount'],
    })),
  ),
);

/** Text that is not well-formed: refused in free-text positions. */
const BROKEN_TEXT: readonly { kind: string; rawValue: string }[] = [
  { kind: 'a lone high surrogate', rawValue: '"Fondation \\ud800"' },
  { kind: 'a lone low surrogate', rawValue: '"\\udc00Fondation"' },
  { kind: 'reversed surrogates', rawValue: '"\\udc00\\ud800"' },
  { kind: 'a NUL character', rawValue: '"Fondation\\u0000Macif"' },
  { kind: 'a terminal escape sequence', rawValue: '"\\u001b[2J\\u001b[31mFondation"' },
  { kind: 'a bell and a backspace', rawValue: '"Fondation\\u0007\\u0008"' },
  { kind: 'DEL', rawValue: '"Fondation\\u007f"' },
  { kind: 'an 8-bit terminal escape (C1 CSI)', rawValue: '"\\u009b31mFondation"' },
];

const INVALID_UTF8: readonly { kind: string; bytes: number[] }[] = [
  { kind: 'C3 28 (bad continuation)', bytes: [0xc3, 0x28] },
  { kind: 'FF', bytes: [0xff] },
  { kind: 'FE FF', bytes: [0xfe, 0xff] },
  { kind: 'a lone continuation byte 80', bytes: [0x80] },
  { kind: 'an overlong slash C0 AF', bytes: [0xc0, 0xaf] },
  { kind: 'a truncated 3-byte sequence E2 82', bytes: [0xe2, 0x82] },
  { kind: 'an encoded surrogate ED A0 80', bytes: [0xed, 0xa0, 0x80] },
  { kind: 'a code point above U+10FFFF F4 90 80 80', bytes: [0xf4, 0x90, 0x80, 0x80] },
];

/** A body's JSON with bytes spliced into its first text field's value. */
const withBytesInText = (body: Body, field: string, bytes: number[]): Buffer => {
  const [before, after] = JSON.stringify({ ...body, [field]: 'Fondation__BYTES__Macif' }).split('__BYTES__');
  return Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from(bytes), Buffer.from(after!, 'utf8')]);
};

const firstTextField = (route: Route): string | undefined =>
  ['name', 'title', 'label', 'description', 'purpose', 'text', 'summary', 'reason', 'bodyLabel', 'location', 'signatoryCapacity', 'wording', 'expectations'].find((field) => typeof route.body[field] === 'string') ??
  (route.path.endsWith('admit-member') ? 'expectations' : undefined);

/** A new organisation's body: nothing but the hostile part can make the domain refuse it (no existing id masks it). */
let freshOrganisations = 0;
const freshOrganisation = (): Body => ({ organisationId: `org:fresh-${++freshOrganisations}`, name: `Association nouvelle ${freshOrganisations}`, kind: 'association' });

family('on a new organisation', [
  ...BROKEN_TEXT.map((broken) => ({
    label: `POST /organisations (new) name with ${broken.kind}`,
    send: () => postRaw('/organisations', withRawField(setAt(freshOrganisation(), ['name'], undefined), 'name', broken.rawValue)),
    status: 400,
    code: 'ValidationFailed',
    fields: ['name'],
  })),
  ...INVALID_UTF8.map((bad) => ({
    label: `POST /organisations (new) name with invalid UTF-8 ${bad.kind}`,
    send: () => postBytes('/organisations', withBytesInText(freshOrganisation(), 'name', bad.bytes)),
    status: 400,
    code: 'MalformedJson',
  })),
  ...[
    { kind: 'a key given twice', raw: (body: Body) => withRawField(body, 'name', '"Autre nom"') },
    { kind: 'a key given twice, once escaped', raw: (body: Body) => `${JSON.stringify(body).slice(0, -1)},"\\u006eame":"Autre nom"}` },
  ].map((dup) => ({ label: `POST /organisations (new) with ${dup.kind}`, send: () => postRaw('/organisations', dup.raw(freshOrganisation())), status: 400, code: 'MalformedJson' })),
  ...[null, ['x'], { name: 'x' }].map((value) => ({
    label: `POST /organisations (new) organisationId = ${JSON.stringify(value)}`,
    send: () => postJson('/organisations', { ...freshOrganisation(), organisationId: value }),
    status: 400,
    code: 'ValidationFailed',
    fields: ['organisationId'],
  })),
  ...['__proto__', 'constructor', 'prototype'].map((key) => ({
    label: `POST /organisations (new) with ${key}`,
    send: () => postRaw('/organisations', withRawField(freshOrganisation(), key, '{"polluted":"yes"}')),
    status: 400,
    code: 'ValidationFailed',
  })),
]);

family(
  'broken text and bytes',
  ROUTES.flatMap((route) => {
    const field = firstTextField(route);
    if (!field) return [];
    const list = Object.keys(route.body).find((key) => !/Ids$|capacities/.test(key) && Array.isArray(route.body[key]) && typeof (route.body[key] as Json[])[0] === 'string');
    return [
      ...BROKEN_TEXT.map((broken) => ({
        label: `POST ${shortPath(route.path)} ${field} with ${broken.kind}`,
        send: () => postRaw(route.path, withRawField(setAt(route.body, [field], undefined), field, broken.rawValue)),
        status: 400,
        code: 'ValidationFailed',
        fields: [field],
      })),
      ...(list
        ? BROKEN_TEXT.filter((_, i) => i % 3 === 0).map((broken) => ({
            label: `POST ${shortPath(route.path)} ${list} item with ${broken.kind}`,
            send: () => postRaw(route.path, withRawField(setAt(route.body, [list], undefined), list, `["ordinaire",${broken.rawValue}]`)),
            status: 400,
            code: 'ValidationFailed',
            fields: [list],
          }))
        : []),
      // The decoder would put U+FFFD in place of the bad bytes, and the text would be stored altered: refused by
      // verifyJsonBody once app.factory.ts passes it to express.json as `verify` (see the duplicated keys above).
      ...(RAW_ROUTES.includes(route)
        ? INVALID_UTF8.map((bad) => ({
            label: `POST ${shortPath(route.path)} ${field} with invalid UTF-8 ${bad.kind}`,
            send: () => postBytes(route.path, withBytesInText(route.body, field, bad.bytes)),
            status: 400,
            code: 'MalformedJson',
          }))
        : []),
    ];
  }),
);

/** A command the domain would accept (a new milestone): only the hostile header can make it refused. */
let milestones = 0;
const appendable = (): Body => ({ milestoneId: `milestone:hostile-header-${++milestones}`, label: `Jalon d’en-tête ${milestones}`, kind: 'other', dueBy: '2027-06' });
const HOSTILE_HEADERS: readonly { name: string; values: readonly string[]; code?: string }[] = [
  { name: 'If-Match', values: ['garbage', '"-1"', '"1.5"', '"1", "2"', 'W/"abc"', '"9999999999"', `"${'9'.repeat(300)}"`, 'x'.repeat(8 * 1024), "\"1' OR 1=1 --\""], code: 'InvalidIfMatch' },
  { name: 'Idempotency-Key', values: ['k'.repeat(201), 'k'.repeat(8 * 1024), 'key with \u00e9 latin1'] },
  { name: 'X-Correlation-Id', values: ['<script>alert(1)</script>', 'c'.repeat(8 * 1024), "'; DROP TABLE events; --", 'id with spaces'] },
];

family('hostile headers', [
  ...HOSTILE_HEADERS.flatMap((header) =>
    header.values.map((value) => ({
      label: `POST plan-milestone with ${header.name}: ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)}`,
      send: () => postJson(`${COOP}/plan-milestone`, appendable(), { [header.name]: value }),
      status: 400,
      ...(header.code ? { code: header.code } : {}),
    })),
  ),
  ...['garbage;;;q=x', 'en<script>', 'x'.repeat(8 * 1024), '*;q=NaN, fr-FR;q=-1'].map((value) => ({
    label: `a refused command with Accept-Language: ${JSON.stringify(value.slice(0, 20))}`,
    send: () => postJson(`${COOP}/admit-member`, { organisationId: 'Not A Slug', membershipType: 'member', joinedOn: '2025' }, { 'Accept-Language': value }),
    status: 400,
    code: 'ValidationFailed',
  })),
]);

/** Query routes with hostile path ids and query strings. */
const ID_PATHS = ['', '/timeline', '/commitments', '/decisions', '/actions', '/alerts', '/events', '/diff?from=2020-01-01'];
const PATH_IDS = ["'%3B%20DROP%20TABLE%20events%3B%20--", '%22%20OR%201%3D1%20--', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '..%2F..%2Fetc%2Fpasswd', 'coop%3Ax%00', 'constructor', '__proto__', `coop%3A${'a'.repeat(4000)}`, '%F0%9F%8C%BF'];

family('hostile query routes', [
  ...ID_PATHS.flatMap((suffix) => {
    const [path, query] = suffix.split('?');
    return PATH_IDS.map((id) => ({ label: `GET /cooperations/${id.slice(0, 30)}${suffix}`, send: () => get(`/cooperations/${id}${path}${query ? `?${query}` : ''}`), status: 404 }));
  }),
  ...PATH_IDS.map((id) => ({ label: `GET /organisations/${id.slice(0, 30)}`, send: () => get(`/organisations/${id}`), status: 404 })),
  ...PATH_IDS.map((id) => ({ label: `GET /events/${id.slice(0, 30)}`, send: () => get(`/events/${id}`), status: 404 })),
  ...PATH_IDS.map((id) => ({ label: `POST /cooperations/${id.slice(0, 30)}/start`, send: () => postJson(`/cooperations/${id}/start`, { startedOn: '2026' }), status: 404 })),
  ...['%E0%A4%A', '%', '%ZZ', '%C3%28'].map((bad) => ({ label: `GET /cooperations/${bad} (undecodable path)`, send: () => get(`/cooperations/${bad}`), status: 400, code: 'MalformedRequest' })),
  // « ok » over no event would pass for a verified stream.
  { label: 'GET /audit/verify of a cooperation without events', send: () => get(`/audit/verify?streamId=${encodeURIComponent('cooperation-coop:nowhere')}`), status: 404, code: 'CooperationNotFound' },
  { label: 'GET /audit/verify of another stream without events', send: () => get('/audit/verify?streamId=registry-nowhere'), status: 404, code: 'StreamNotFound' },
  ...(
    [
      [`/cooperations?phase=${encodeURIComponent("' OR 1=1 --")}`, 400],
      ['/cooperations?phase=framing&phase=diagnostic', 400],
      [`/cooperations?organisationId=${encodeURIComponent("'; DROP TABLE events; --")}`, 400],
      ['/cooperations?organisationId=org:a&organisationId=org:b', 400],
      [`/cooperations?programmeId=${encodeURIComponent('<script>alert(1)</script>')}`, 400],
      [`/cooperations?programmeId=${'a'.repeat(5000)}`, 400],
      [`${COOP}?asOf=2025-13-45`, 400],
      [`${COOP}?asOf=--09-19`, 400],
      [`${COOP}?asOf=20250101`, 400],
      [`${COOP}?asOf=2025-01-01T00:00:00Zgarbage`, 400],
      [`${COOP}?asOf=2026-01-01&asOf=2026-01-02`, 400],
      [`${COOP}?asOf=2026-01-01&revision=1`, 400],
      [`${COOP}?revision=-1`, 400],
      [`${COOP}?revision=1e3`, 400],
      [`${COOP}?revision=0x10`, 400],
      [`${COOP}?revision=99999999999999999999`, 400],
      [`${COOP}?revision=1&revision=2`, 400],
      [`${COOP}/diff`, 400],
      [`${COOP}/diff?from=yesterday`, 400],
      [`${COOP}/diff?from=2026-01-02&to=2026-01-01`, 400],
      [`${COOP}/timeline?lang=de`, 400],
      [`${COOP}/timeline?lang=fr&lang=en`, 400],
      [`${COOP}/alerts?lang=${encodeURIComponent('<script>')}`, 400],
      [`${COOP}/events?limit=-1`, 400],
      // a page of none would send a paging client back to the same revision for ever
      [`${COOP}/events?limit=0`, 400],
      [`${COOP}/events?limit=100000`, 400],
      [`${COOP}/events?fromRevision=abc`, 400],
      [`/events?after=${encodeURIComponent('1; DROP TABLE events')}`, 400],
      ['/events?after=-1', 400],
      ['/events?limit=0', 400],
      ['/events?limit=1&limit=2', 400],
      ['/events/export?from=2025-13-45', 400],
      ['/events/export?cooperationId=', 400],
      [`/events/export?cooperationId=${encodeURIComponent("' OR 1=1 --")}`, 404],
      ['/audit/verify?streamId=', 400],
      ['/dashboard?lang=xx', 400],
    ] as const
  ).map(([url, status]) => ({ label: `GET ${url.slice(0, 80)}`, send: () => get(url), status })),
]);

// ---------------------------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------------------------

let eventsAfterBase = 0;

beforeAll(async () => {
  // The battery sends well over a thousand requests with one token from one IP: rate limits off (0), as
  // CARNET_RATE_LIMIT_PER_MINUTE / CARNET_RATE_LIMIT_IP_PER_MINUTE allow; the limits have their own tests.
  carnet = await startCarnet({ CARNET_RATE_LIMIT_PER_MINUTE: '0', CARNET_RATE_LIMIT_IP_PER_MINUTE: '0' });
  await new Promise<void>((resolve) => carnet.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  port = (carnet.app.getHttpServer().address() as AddressInfo).port;
  await runSteps(carnet, scenarioA());
  eventsAfterBase = await carnet.eventCount();
}, 60_000);

afterAll(async () => carnet?.close());

describe('hostile headers the HTTP parser refuses', () => {
  const head = (value: string) =>
    `POST ${COOP}/plan-milestone HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${carnet.adminToken}\r\nContent-Type: application/json\r\n` +
    `X-Correlation-Id: ${value}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;
  for (const [kind, value] of [
    ['a bare LF', 'abc\ndef'],
    ['CR LF (header injection)', 'abc\r\nSet-Cookie: pwned=1'],
    ['obs-fold', 'abc\r\n def'],
    ['a NUL', 'abc\u0000def'],
  ] as const) {
    it(`X-Correlation-Id with ${kind}: 400, nothing appended`, async () => {
      const before = await carnet.eventCount();
      const answer = await rawHttp(head(value));
      // Node's parser refuses the request before Express sees it; the app's clientError handler answers a problem.
      // CR LF merely starts another request header, which the app then refuses with the empty body.
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.text)).toMatchObject({ status: 400, code: expect.stringMatching(/^(MalformedRequest|ValidationFailed)$/) });
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.text).not.toMatch(/pwned/);
      expect(await carnet.eventCount()).toBe(before);
    });
  }
});

describe('headers beyond what the HTTP parser holds', () => {
  it('a 20 kB header: 431 with a problem body, nothing appended', async () => {
    const before = await carnet.eventCount();
    const answer = await rawHttp(`GET /cooperations HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 431, code: 'HeadersTooLarge' });
    expect(await carnet.eventCount()).toBe(before);
  });
});

describe('after the battery', () => {
  it('counts at least 200 generated hostile cases', () => {
    const counts = Object.fromEntries([...battery].map(([name, cases]) => [name, cases.length]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`hostile cases: ${total}`, counts);
    expect(total).toBeGreaterThanOrEqual(200);
  });

  it('appended nothing at all', async () => {
    expect(await carnet.eventCount()).toBe(eventsAfterBase);
  });

  it('left Object.prototype alone, in this process and in the server', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(typeof ({}).toString).toBe('function');
    const { body } = await get(COOP).expect(200);
    expect(body.cooperationId).toBe(CITEES);
    expect(JSON.stringify(body)).not.toContain('polluted');
    const list = await get('/cooperations').expect(200);
    expect(list.body.cooperations.map((c: { cooperationId: string }) => c.cooperationId)).toContain(CITEES);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Legitimate text: accepted, stored exactly, returned unchanged.
// ---------------------------------------------------------------------------------------------------------------

const LEGITIMATE_TEXT: readonly string[] = [
  'Habitant·e·s du quartier des Arnavaux',
  'Association des Ami·e·s de l’Étang de Berre',
  "Comité d'Aubagne et de l'Huveaune",
  '« Bien vivre ensemble » à Saint-Étienne',
  'Jardins partagés 🌿 de la Belle-de-Mai',
  'مؤسسة الأمل للتضامن',
  '\u200fمؤسسة\u200e Marseille',
  'Œuvre d’entraide — Île-de-France, Noël & Çà-et-là',
  'E\u0301tang décomposé (NFD)',
  'Famille 👩‍👩‍👧 et drapeau 🇫🇷',
  'Coop\u200bération avec espace insécable\u00a0fine\u202f!',
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7} {{7*7}} #{7*7}',
  '../../etc/passwd',
  '__proto__',
  'Ligne 1\nLigne 2\tavec tabulation',
];

describe('legitimate French text is accepted and returned exactly', () => {
  LEGITIMATE_TEXT.forEach((text, i) => {
    it(`organisation named ${JSON.stringify(text)}`, async () => {
      const organisationId = `org:legit-${i}`;
      const alias = `alias ${text}`;
      const created = await postJson('/organisations', { organisationId, name: text, kind: 'association', aliases: [alias] });
      expect([created.status, created.body]).toEqual([201, expect.objectContaining({ organisationId })]);
      const { body } = await get(`/organisations/${organisationId}`).expect(200);
      expect(body.name).toBe(text);
      expect(body.aliases).toEqual([alias]);
      const found = await carnet.http().get('/organisations').query({ name: text }).expect(200);
      expect(found.body.organisations.map((o: { organisationId: string }) => o.organisationId)).toEqual([organisationId]);
    });

    it(`milestone labelled ${JSON.stringify(text)}`, async () => {
      const milestoneId = `milestone:legit-${i}`;
      const planned = await postJson(`${COOP}/plan-milestone`, { milestoneId, label: text, kind: 'other', dueBy: '2027-06' });
      expect([planned.status, planned.body.events?.[0]?.type]).toEqual([200, 'MilestonePlanned']);
      const { body } = await get(`${COOP}/actions`).expect(200);
      expect(JSON.stringify(body)).toContain(JSON.stringify(text).slice(1, -1));
      const events = await get(`${COOP}/events?fromRevision=${planned.body.revision}&limit=1`).expect(200);
      expect(events.body.events[0].data.label).toBe(text);
    });
  });

  it('a cooperation whose name and purpose carry them all', async () => {
    const cooperationId = 'coop:legit-texte';
    const name = 'Coopération « Habitant·e·s » d’Aubagne 🌿 مؤسسة';
    const purpose = LEGITIMATE_TEXT.join(' | ');
    const proposed = await postJson('/cooperations', { ...valid('/cooperations'), cooperationId, name, acronym: 'CHÉ', purpose, levers: [...LEGITIMATE_TEXT] });
    expect(proposed.status).toBe(201);
    const { body } = await get(`/cooperations/${cooperationId}`).expect(200);
    expect(body.name).toBe(name);
    expect(body.purpose).toBe(purpose);
    expect(body.levers).toEqual(LEGITIMATE_TEXT);
  });

  it('an id that is a valid slug and an Object.prototype key: `constructor`', async () => {
    await postJson('/organisations', { organisationId: 'constructor', name: 'constructor', kind: 'association' }).expect(201);
    const { body } = await get('/organisations/constructor').expect(200);
    expect(body).toMatchObject({ organisationId: 'constructor', name: 'constructor' });
    await get('/cooperations/constructor').expect(404);
  });

  it('the log holds exactly what was accepted, and nothing from the hostile cases', async () => {
    // 2 events per text (organisation, milestone), the cooperation and `constructor`, on top of the base.
    expect(await carnet.eventCount()).toBe(eventsAfterBase + 2 * LEGITIMATE_TEXT.length + 2);
  });
});

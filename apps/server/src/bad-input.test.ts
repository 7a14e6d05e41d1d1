import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { useHarness, type Harness } from './test-support/harness.js';
import { must, openApiRoutes, storeInput, uniqueName } from './test-support/matrix-fixtures.js';
import { describeEachDb } from './test-support/test-db.js';

/**
 * Acceptance: bad input — malformed JSON, wrong types, unknown fields, 2 MB bodies, SQL-looking and
 * script-looking strings, wrong content types — gets a 4xx error body, never a 500, and writes nothing.
 */

interface Ctx {
  owner: string;
  storeA: string;
  registerA: string;
  /** A cashier the PATCH cases aim at. */
  userId: string;
  cashierRoleId: string;
}

interface BadRequest {
  label: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  /** Defaults to the owner; `null` sends no Authorization header. */
  token?: string | null;
  /** A value is sent as JSON; a string/Buffer in `raw` is sent as-is. */
  body?: unknown;
  raw?: string | Buffer;
  /** Defaults to application/json when there is a body; `null` sends none. */
  contentType?: string | null;
  /** "<status> <code>", plus " [field, ...]" for validation_failed. */
  expect: string;
  /** An unknown-key case: the per-endpoint table checks the 400; the field name is checked separately. */
  unknownField?: boolean;
}

interface Group {
  title: string;
  cases(c: Ctx): BadRequest[];
  /** Extra state that must not change (e.g. the PATCH target as the API shows it). */
  observe?(h: Harness, c: Ctx): Promise<unknown>;
}

const TWO_MB = 2 * 1024 * 1024;
const MALFORMED = '400 malformed_json';
const TOO_LARGE = '413 payload_too_large';
const MEDIA = '415 unsupported_media_type';
const invalid = (...fields: string[]) => `400 validation_failed [${fields.join(', ')}]`;

/** Bodies every JSON write endpoint must refuse the same way. */
function transportCases(method: 'POST' | 'PATCH', url: string, valid: object, token?: string | null): BadRequest[] {
  const base = { method, url, ...(token !== undefined ? { token } : {}) };
  return [
    { ...base, label: 'malformed JSON', raw: '{"name": "Shop",', expect: MALFORMED },
    { ...base, label: 'trailing garbage after JSON', raw: `${JSON.stringify(valid)}}`, expect: MALFORMED },
    { ...base, label: 'empty body with a JSON content type', raw: '', expect: MALFORMED },
    { ...base, label: '__proto__ key (prototype pollution)', raw: `{"__proto__":{"isAdmin":true},${JSON.stringify(valid).slice(1)}`, expect: MALFORMED },
    { ...base, label: 'array instead of an object', body: [valid], expect: invalid('body') },
    { ...base, label: 'JSON null', raw: 'null', expect: invalid('body') },
    { ...base, label: 'JSON string', raw: '"hello"', expect: invalid('body') },
    { ...base, label: '2 MB body', body: { ...valid, name: 'x'.repeat(TWO_MB) }, expect: TOO_LARGE },
    { ...base, label: 'text/plain', raw: JSON.stringify(valid), contentType: 'text/plain', expect: MEDIA },
    { ...base, label: 'form-urlencoded', raw: 'name=Shop', contentType: 'application/x-www-form-urlencoded', expect: MEDIA },
    { ...base, label: 'multipart/form-data', raw: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x', expect: MEDIA },
    { ...base, label: 'application/xml', raw: '<store><name>Shop</name></store>', contentType: 'application/xml', expect: MEDIA },
    { ...base, label: 'no content type', raw: JSON.stringify(valid), contentType: null, expect: MEDIA },
  ];
}

const CONTROL_CHARS: [string, string][] = [
  ['NUL', 'Shop\u0000Name'],
  ['ESC (terminal escape)', 'Shop\u001b[31mRed'],
  ['DEL', 'Shop\u007f'],
  ['newline', 'Shop\nName'],
  ['tab', 'Shop\tName'],
];

const GROUPS: Group[] = [
  {
    title: 'POST /stores',
    cases: (c) => {
      const valid = storeInput('Bad Input Store');
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/stores', token: c.owner, body, expect });
      return [
        ...transportCases('POST', '/stores', valid, c.owner),
        post('number for name', { ...valid, name: 42 }, invalid('body.name')),
        post('Infinity-sized number for name', undefined, ''),
        post('missing required fields', { name: 'Shop' }, invalid('body.address', 'body.currency', 'body.timeZone', 'body.locale')),
        post('empty name', { ...valid, name: '   ' }, invalid('body.name')),
        post('name over 120 characters', { ...valid, name: 'x'.repeat(121) }, invalid('body.name')),
        { ...post('unknown field', { ...valid, isDefault: true }, invalid('body.isDefault')), unknownField: true },
        { ...post('unknown field orgId (writing another organisation)', { ...valid, orgId: '01a21d29-4ad7-706f-a4cb-d957870e025d' }, invalid('body.orgId')), unknownField: true },
        { ...post('nested unknown field', { ...valid, address: { ...valid.address, floor: 3 } }, invalid('body.address.floor')), unknownField: true },
        post('number for address.postalCode', { ...valid, address: { ...valid.address, postalCode: 10999 } }, invalid('body.address.postalCode')),
        post('address as a string', { ...valid, address: 'Jungfernstieg 1, Hamburg' }, invalid('body.address')),
        post('country not ISO 3166', { ...valid, address: { ...valid.address, country: 'Germany' } }, invalid('body.address.country')),
        post('unknown time zone', { ...valid, timeZone: 'Mars/Olympus_Mons' }, invalid('body.timeZone')),
        post('SQL in the currency code', { ...valid, currency: "EUR'; --" }, invalid('body.currency')),
        ...CONTROL_CHARS.map(([what, name]) => post(`${what} in name`, { ...valid, name }, invalid('body.name'))),
        post('control character in address.city', { ...valid, address: { ...valid.address, city: 'Ham\u0008burg' } }, invalid('body.address.city')),
      ].map((r) =>
        r.label === 'Infinity-sized number for name'
          ? { ...r, body: undefined, raw: JSON.stringify({ ...valid, name: 0 }).replace('"name":0', '"name":1e400'), expect: invalid('body.name') }
          : r,
      );
    },
  },
  {
    title: 'POST /stores/:id/registers',
    cases: (c) => {
      const url = `/stores/${c.storeA}/registers`;
      const post = (label: string, body: unknown, expect: string, at = url): BadRequest => ({ label, method: 'POST', url: at, token: c.owner, body, expect });
      return [
        ...transportCases('POST', url, { name: 'Kasse 9' }, c.owner),
        post('invalid UUID in path', { name: 'Kasse 9' }, invalid('params.id'), '/stores/not-a-uuid/registers'),
        post('SQL in path', { name: 'Kasse 9' }, invalid('params.id'), `/stores/${encodeURIComponent("1' OR '1'='1")}/registers`),
        post('unknown store', { name: 'Kasse 9' }, '404 not_found', '/stores/01a21d29-4ad7-706f-a4cb-d957870e025d/registers'),
        post('number for name', { name: 42 }, invalid('body.name')),
        post('missing name', {}, invalid('body.name')),
        post('empty name', { name: '' }, invalid('body.name')),
        post('name over 60 characters', { name: 'x'.repeat(61) }, invalid('body.name')),
        { ...post('unknown field', { name: 'Kasse 9', storeId: c.storeA }, invalid('body.storeId')), unknownField: true },
        post('name already taken in the store', { name: 'Kasse 1' }, '409 register_name_taken'),
        ...CONTROL_CHARS.map(([what, name]) => post(`${what} in name`, { name }, invalid('body.name'))),
      ];
    },
  },
  {
    title: 'POST /users',
    cases: (c) => {
      const valid = { name: 'New Hire', email: 'new.hire@example.com', password: 'long-enough-pw', roleId: c.cashierRoleId, storeIds: [c.storeA] };
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/users', token: c.owner, body, expect });
      return [
        ...transportCases('POST', '/users', valid, c.owner),
        post('number for name', { ...valid, name: 7 }, invalid('body.name')),
        post('missing roleId', { ...valid, roleId: undefined }, invalid('body.roleId')),
        post('role key instead of role id', { ...valid, roleId: 'owner' }, invalid('body.roleId')),
        post('role id that does not exist', { ...valid, roleId: '01a21d29-4ad7-706f-a4cb-d957870e025d' }, '400 unknown_role'),
        post('store id that does not exist', { ...valid, storeIds: ['01a21d29-4ad7-706f-a4cb-d957870e025d'] }, '400 unknown_store'),
        post('string for allStores', { ...valid, allStores: 'true' }, invalid('body.allStores')),
        post('string for storeIds', { ...valid, storeIds: c.storeA }, invalid('body.storeIds')),
        post('invalid UUID in storeIds', { ...valid, storeIds: ['not-a-uuid'] }, invalid('body.storeIds.0')),
        post('not an e-mail address', { ...valid, email: "x' OR 1=1 --" }, invalid('body.email')),
        post('password under 10 characters', { ...valid, password: 'short' }, invalid('body.password')),
        post('PIN with a letter', { ...valid, pin: '12a4' }, invalid('body.pin')),
        post('PIN as a number', { ...valid, pin: 1234 }, invalid('body.pin')),
        { ...post('unknown field permissions (escalation by body)', { ...valid, permissions: ['settings.manage'] }, invalid('body.permissions')), unknownField: true },
        post('password without an e-mail', { ...valid, email: undefined }, '400 email_required'),
        post('neither password nor PIN', { ...valid, password: undefined }, '400 credential_required'),
        post('e-mail already in use', { ...valid, email: 'OWNER@example.com' }, '409 email_taken'),
        post('PIN already in use', { ...valid, pin: '1234' }, '409 pin_taken'),
        post('control character in name', { ...valid, name: 'New\u0000Hire' }, invalid('body.name')),
      ];
    },
  },
  {
    title: 'PATCH /users/:id',
    cases: (c) => {
      const url = `/users/${c.userId}`;
      const patch = (label: string, body: unknown, expect: string, at = url): BadRequest => ({ label, method: 'PATCH', url: at, token: c.owner, body, expect });
      return [
        ...transportCases('PATCH', url, { name: 'Renamed' }, c.owner),
        patch('invalid UUID in path', { name: 'Renamed' }, invalid('params.id'), '/users/123'),
        patch('unknown user', { name: 'Renamed' }, '404 not_found', '/users/01a21d29-4ad7-706f-a4cb-d957870e025d'),
        patch('string for active', { active: 'yes' }, invalid('body.active')),
        patch('number for name', { name: 1 }, invalid('body.name')),
        patch('empty name', { name: '' }, invalid('body.name')),
        patch('not an e-mail address', { email: 'nope' }, invalid('body.email')),
        patch('PIN too short', { pin: '12' }, invalid('body.pin')),
        patch('invalid UUID in storeIds', { storeIds: ['x'] }, invalid('body.storeIds.0')),
        patch('invalid roleId', { roleId: 'admin' }, invalid('body.roleId')),
        { ...patch('unknown field', { isAdmin: true }, invalid('body.isAdmin')), unknownField: true },
        { ...patch('unknown field password (must use /password)', { password: 'long-enough-pw' }, invalid('body.password')), unknownField: true },
        { ...patch('valid name but one unknown field', { name: 'Renamed', passwordHash: 'x' }, invalid('body.passwordHash')), unknownField: true },
        patch('PIN of another user', { pin: '1234' }, '409 pin_taken'),
        patch('control character in name', { name: 'Re\u001bnamed' }, invalid('body.name')),
      ];
    },
    observe: async (h, c) => (await h.req({ method: 'GET', url: `/api/v1/users/${c.userId}`, token: c.owner })).json(),
  },
  {
    title: 'POST /auth/login',
    cases: () => {
      const valid = { email: 'owner@example.com', password: 'opentill-demo' };
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/auth/login', token: null, body, expect });
      return [
        ...transportCases('POST', '/auth/login', valid, null),
        post('numbers for e-mail and password', { email: 1, password: 2 }, invalid('body.email', 'body.password')),
        post('missing password', { email: valid.email }, invalid('body.password')),
        { ...post('unknown field', { ...valid, remember: true }, invalid('body.remember')), unknownField: true },
        post('password over 256 characters', { ...valid, password: 'x'.repeat(257) }, invalid('body.password')),
        post("SQL in e-mail: ' OR 1=1 --", { email: "' OR 1=1 --", password: 'x' }, '401 invalid_credentials'),
        post("SQL in e-mail: owner@example.com'--", { email: "owner@example.com'--", password: 'x' }, '401 invalid_credentials'),
        post("SQL in password: ' OR '1'='1", { email: valid.email, password: "' OR '1'='1" }, '401 invalid_credentials'),
        post('SQL UNION in e-mail', { email: "x' UNION SELECT id, org_id, name, password_hash, 1 FROM users --", password: 'x' }, '401 invalid_credentials'),
        post('script in e-mail', { email: '<script>alert(1)</script>', password: 'x' }, '401 invalid_credentials'),
      ];
    },
  },
  {
    title: 'POST /devices/pair',
    cases: () => {
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/devices/pair', token: null, body, expect });
      return [
        ...transportCases('POST', '/devices/pair', { code: 'ABCD2345' }, null),
        post('number for code', { code: 23452345 }, invalid('body.code')),
        post('missing code', {}, invalid('body.code')),
        post('code too short', { code: 'ABC' }, invalid('body.code')),
        { ...post('unknown field registerId', { code: 'ABCD2345', registerId: '01a21d29-4ad7-706f-a4cb-d957870e025d' }, invalid('body.registerId')), unknownField: true },
        post('control character in name', { code: 'ABCD2345', name: 'Till\u0000' }, invalid('body.name')),
        post("SQL in code: ' OR 1=1 --", { code: "' OR 1=1 --" }, '400 pairing_code_invalid'),
        post('wildcard in code', { code: '%%%%%%%%' }, '400 pairing_code_invalid'),
      ];
    },
  },
  {
    title: 'POST /roles',
    cases: (c) => {
      const valid = { name: 'Bad Input Role', permissions: ['stores.read'] };
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/roles', token: c.owner, body, expect });
      return [
        ...transportCases('POST', '/roles', valid, c.owner),
        post('unknown permission', { ...valid, permissions: ['god.mode'] }, invalid('body.permissions.0')),
        post('string for permissions', { ...valid, permissions: 'stores.read' }, invalid('body.permissions')),
        post('missing name', { permissions: ['stores.read'] }, invalid('body.name')),
        { ...post('unknown field builtin', { ...valid, builtin: true }, invalid('body.builtin')), unknownField: true },
        { ...post('unknown field allStores', { ...valid, allStores: true }, invalid('body.allStores')), unknownField: true },
        post('name of a built-in role', { ...valid, name: 'Owner' }, '409 role_name_taken'),
        post('control character in name', { ...valid, name: 'Ro\u0007le' }, invalid('body.name')),
      ];
    },
  },
  {
    title: 'POST /api-keys',
    cases: (c) => {
      const valid = { name: 'Bad Input Key', permissions: ['stores.read'], storeIds: [c.storeA] };
      const post = (label: string, body: unknown, expect: string): BadRequest => ({ label, method: 'POST', url: '/api-keys', token: c.owner, body, expect });
      return [
        ...transportCases('POST', '/api-keys', valid, c.owner),
        post('no permissions', { ...valid, permissions: [] }, invalid('body.permissions')),
        post('unknown permission', { ...valid, permissions: ['everything'] }, invalid('body.permissions.0')),
        post('invalid UUID in storeIds', { ...valid, storeIds: ['nope'] }, invalid('body.storeIds.0')),
        post('string for allStores', { ...valid, allStores: 'yes' }, invalid('body.allStores')),
        { ...post('unknown field secret (choosing the key)', { ...valid, secret: 'otk_chosen' }, invalid('body.secret')), unknownField: true },
        post('control character in name', { ...valid, name: 'Key\u0000' }, invalid('body.name')),
      ];
    },
  },
];

const LEAK = /\n\s+at |\bat [\w.<>$]+ \(|\/(work|home|usr|tmp|app|src)\/|node_modules|\.(ts|js|mjs|cjs):\d+|SQLITE_|sqlite3|\bpg\b|kysely|relation "|syntax error/i;

function describeResponse(res: LightMyRequestResponse): string {
  if (res.statusCode < 300) return String(res.statusCode);
  let error: { code?: unknown; details?: { fields?: { field: string }[] } } | undefined;
  try {
    error = (res.json() as { error?: typeof error }).error;
  } catch {
    return `${res.statusCode} non-json`;
  }
  if (!error) return `${res.statusCode} no-error-body`;
  const base = `${res.statusCode} ${String(error.code)}`;
  return error.code === 'validation_failed' ? `${base} [${(error.details?.fields ?? []).map((f) => f.field).join(', ')}]` : base;
}

/** Everything wrong with an error response besides its status/code. */
function problemsOf(label: string, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  if (res.statusCode < 400 || res.statusCode >= 500) out.push(`${label}: status ${res.statusCode}`);
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) out.push(`${label}: content-type ${res.headers['content-type']}`);
  try {
    const e = (res.json() as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof e?.code !== 'string' || !/^[a-z_]+$/.test(e.code) || typeof e.message !== 'string') out.push(`${label}: body ${res.body.slice(0, 200)}`);
  } catch {
    out.push(`${label}: not JSON: ${res.body.slice(0, 200)}`);
  }
  if (LEAK.test(res.body)) out.push(`${label}: internals in body: ${res.body.slice(0, 300)}`);
  return out;
}

function inject(h: Harness, r: BadRequest): Promise<LightMyRequestResponse> {
  const payload = r.raw ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
  const contentType = r.contentType === undefined ? (payload === undefined ? undefined : 'application/json') : r.contentType;
  return h.app.inject({
    method: r.method,
    url: `/api/v1${r.url}`,
    headers: {
      ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** Row counts of every table but the audit log (which records refused logins on purpose). */
async function snapshot(h: Harness): Promise<Record<string, number>> {
  const tables = (await h.database.db.introspection.getTables()).map((t) => t.name).filter((n) => n !== 'audit_log' && !n.startsWith('kysely_'));
  const counts: Record<string, number> = {};
  for (const t of tables.sort()) counts[t] = await h.count(t);
  return counts;
}

describeEachDb('bad input gets a 4xx error body, never a 500, and writes nothing', (target) => {
  const h = useHarness(target);
  const c = {} as Ctx;

  beforeAll(async () => {
    c.owner = await h.login();
    c.storeA = h.demo.storeId;
    c.registerA = h.demo.registerIds[0]!;
    const roles = (await h.req({ method: 'GET', url: '/api/v1/roles', token: c.owner })).json().items as { id: string; key: string | null }[];
    c.cashierRoleId = roles.find((r) => r.key === 'cashier')!.id;
    const user = await h.req({
      method: 'POST',
      url: '/api/v1/users',
      token: c.owner,
      body: { name: 'Patch Target', email: 'patch.target@example.com', password: 'long-enough-pw', roleId: c.cashierRoleId, storeIds: [c.storeA] },
    });
    must(user, 201, 'POST /users');
    c.userId = user.json().id;
  });

  it('the snapshot sees every table (so "writes nothing" means nothing)', async () => {
    const counts = await snapshot(h);
    expect(Object.keys(counts)).toEqual(
      expect.arrayContaining(['api_keys', 'devices', 'organizations', 'pairing_codes', 'registers', 'roles', 'sessions', 'stores', 'user_stores', 'users']),
    );
    expect(counts.users).toBeGreaterThanOrEqual(4);
  });

  it.each(GROUPS.map((g) => [g.title, g] as const))('%s: every bad request gets its 4xx error and changes nothing', async (_title, group) => {
    const cases = group.cases(c);
    const before = await snapshot(h);
    const observed = group.observe ? await group.observe(h, c) : undefined;
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const problems: string[] = [];
    const status = (r: BadRequest, s: string) => (r.unknownField ? s.replace(/ \[.*\]$/, '') : s);
    for (const r of cases) {
      const res = await inject(h, r);
      actual[r.label] = status(r, describeResponse(res));
      expected[r.label] = status(r, r.expect);
      problems.push(...problemsOf(r.label, res));
    }
    expect(Object.keys(expected)).toHaveLength(cases.length); // labels are unique
    expect.soft(actual).toEqual(expected);
    expect.soft(problems).toEqual([]);
    expect.soft(await snapshot(h)).toEqual(before);
    if (group.observe) expect.soft(await group.observe(h, c)).toEqual(observed);
  });

  it('names each unknown field in details.fields (top-level, nested and query parameters)', async () => {
    const cases = GROUPS.flatMap((g) => g.cases(c).filter((r) => r.unknownField).map((r) => ({ ...r, label: `${g.title}: ${r.label}` })));
    for (const url of ['/users', '/devices', '/audit']) {
      cases.push({ label: `GET ${url}?unexpected=1`, method: 'GET', url: `${url}?unexpected=1`, token: c.owner, expect: invalid('querystring.unexpected') });
    }
    expect(cases.length).toBeGreaterThan(12);
    const before = await snapshot(h);
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const r of cases) {
      actual[r.label] = describeResponse(await inject(h, r));
      expected[r.label] = r.expect;
    }
    // Two unknown keys: both are named (as separate entries or in the entry's `fields` list).
    const two = await inject(h, { label: 'two', method: 'POST', url: '/stores', token: c.owner, body: { ...storeInput('Two'), color: 'red', size: 3 }, expect: '' });
    const named = ((two.json().error?.details?.fields ?? []) as { field: string; fields?: string[] }[]).flatMap((f) => [f.field, ...(f.fields ?? [])]);
    expect.soft(named.some((n) => /\bcolor$/.test(n)) && named.some((n) => /\bsize$/.test(n)), `fields named: ${JSON.stringify(named)}`).toBe(true);
    expect.soft(actual).toEqual(expected);
    expect.soft(await snapshot(h)).toEqual(before);
  });

  it('refuses unknown query parameters on every GET route', async () => {
    const ids: Record<string, string> = { stores: c.storeA, users: c.userId, registers: c.registerA };
    const routes = (await openApiRoutes(h)).filter((r) => r.startsWith('GET '));
    expect(routes.length).toBeGreaterThan(5);
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const problems: string[] = [];
    for (const route of routes) {
      const path = route.slice(4).replace('{id}', ids[route.split('/')[1]!] ?? c.storeA);
      const res = await inject(h, { label: route, method: 'GET', url: `${path}?unexpected=1`, token: c.owner, expect: '' });
      actual[route] = describeResponse(res).replace(/ \[.*\]$/, '');
      expected[route] = '400 validation_failed';
      if (res.statusCode >= 400) problems.push(...problemsOf(route, res));
    }
    expect.soft(actual).toEqual(expected);
    expect.soft(problems).toEqual([]);
  });

  it('refuses a malformed id in the path of every route with 400 params.id, before anything runs', async () => {
    const routes = (await openApiRoutes(h)).filter((r) => r.includes('{id}'));
    expect(routes.length).toBeGreaterThan(8);
    const before = await snapshot(h);
    const actual: Record<string, string> = {};
    const problems: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PATCH', string];
      for (const bad of ['not-a-uuid', "1' OR '1'='1", '../../etc/passwd', '<script>alert(1)</script>']) {
        const label = `${route} id=${bad}`;
        // Other path parameters ({paymentId}) get a well-formed id, so only params.id is wrong.
        const url = path.replace('{id}', encodeURIComponent(bad)).replace(/\{\w+\}/g, '00000000-0000-7000-8000-000000000000');
        const res = await inject(h, { label, method, url, token: c.owner, expect: '' });
        actual[label] = describeResponse(res);
        problems.push(...problemsOf(label, res));
      }
    }
    expect(Object.values(actual).filter((v) => v !== invalid('params.id'))).toEqual([]);
    expect(problems).toEqual([]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('stores SQL-looking strings verbatim as data, and every table survives', async () => {
    const sqlName = "x'); DROP TABLE stores;--";
    const store = storeInput(sqlName);
    store.address.line1 = "' OR 1=1 --";
    store.address.city = "Robert'); DROP TABLE users;--";
    const created = await h.req({ method: 'POST', url: '/api/v1/stores', token: c.owner, body: { ...store, taxIds: { vatId: '1; DELETE FROM stores', taxNumber: '" OR ""="' } } });
    expect(created.statusCode).toBe(201);
    const storeId = created.json().id as string;
    const fetched = (await h.req({ method: 'GET', url: `/api/v1/stores/${storeId}`, token: c.owner })).json();
    expect(fetched).toMatchObject({
      name: sqlName,
      address: { line1: "' OR 1=1 --", city: "Robert'); DROP TABLE users;--" },
      taxIds: { vatId: '1; DELETE FROM stores', taxNumber: '" OR ""="' },
    });

    const register = await h.req({ method: 'POST', url: `/api/v1/stores/${storeId}/registers`, token: c.owner, body: { name: "1; DELETE FROM registers; --" } });
    expect(register.statusCode).toBe(201);
    const userName = "'; UPDATE users SET role_id = NULL; --";
    const user = await h.req({
      method: 'POST',
      url: '/api/v1/users',
      token: c.owner,
      body: { name: userName, pin: '8642', roleId: c.cashierRoleId, storeIds: [storeId] },
    });
    expect(user.statusCode).toBe(201);
    const role = await h.req({ method: 'POST', url: '/api/v1/roles', token: c.owner, body: { name: "admin' --", permissions: ['stores.read'] } });
    expect(role.statusCode).toBe(201);
    const renamed = await h.req({ method: 'PATCH', url: `/api/v1/users/${c.userId}`, token: c.owner, body: { name: "Patch' OR 'x'='x" } });
    expect(renamed.json().name).toBe("Patch' OR 'x'='x");

    // Read back through list endpoints too, and the tables are all still there with their rows.
    const registers = (await h.req({ method: 'GET', url: `/api/v1/stores/${storeId}/registers`, token: c.owner })).json().items;
    expect(registers.map((r: { name: string }) => r.name)).toEqual(['1; DELETE FROM registers; --']);
    const users = (await h.req({ method: 'GET', url: `/api/v1/users?storeId=${storeId}`, token: c.owner })).json().items;
    expect(users.map((u: { name: string }) => u.name)).toContain(userName);
    const roles = (await h.req({ method: 'GET', url: '/api/v1/roles', token: c.owner })).json().items;
    expect(roles.map((r: { name: string }) => r.name)).toContain("admin' --");
    const stores = (await h.req({ method: 'GET', url: '/api/v1/stores', token: c.owner })).json().items;
    expect(stores.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Demo Store Berlin', sqlName]));
    const counts = await snapshot(h);
    expect(counts.stores).toBeGreaterThanOrEqual(2);
    expect(counts.users).toBeGreaterThanOrEqual(5);
    expect(counts.registers).toBeGreaterThanOrEqual(3);
    // Every other user keeps their role.
    const everyone = (await h.req({ method: 'GET', url: '/api/v1/users', token: c.owner })).json().items;
    expect(everyone.filter((u: { roleId: unknown }) => typeof u.roleId !== 'string')).toEqual([]);

    // A SQL-looking filter value is refused by the schema, not run.
    const audit = await h.req({ method: 'GET', url: `/api/v1/audit?action=${encodeURIComponent("store.create' OR '1'='1")}`, token: c.owner });
    expect(describeResponse(audit)).toBe(invalid('querystring.action'));
    expect(await h.login()).toBeTruthy();
  });

  it('returns script-looking strings as JSON text, never as HTML', async () => {
    const script = '<script>alert(1)</script>';
    const img = '<img src=x onerror=alert(document.cookie)>';
    const created = await h.req({ method: 'POST', url: '/api/v1/stores', token: c.owner, body: storeInput(script) });
    const register = await h.req({ method: 'POST', url: `/api/v1/stores/${created.json().id}/registers`, token: c.owner, body: { name: img } });
    const list = await h.req({ method: 'GET', url: `/api/v1/stores/${created.json().id}/registers`, token: c.owner });
    // The name is echoed in a conflict message: still JSON.
    const clash = await h.req({ method: 'POST', url: `/api/v1/stores/${created.json().id}/registers`, token: c.owner, body: { name: img } });
    const notFound = await h.app.inject({ method: 'GET', url: `/api/v1/${script}`, headers: { authorization: `Bearer ${c.owner}` } });

    expect([created.statusCode, register.statusCode, list.statusCode, clash.statusCode, notFound.statusCode]).toEqual([201, 201, 200, 409, 404]);
    expect(created.json().name).toBe(script);
    expect(register.json().name).toBe(img);
    expect(list.json().items[0].name).toBe(img);
    expect(clash.json().error.code).toBe('register_name_taken');
    expect(notFound.json().error.code).toBe('route_not_found');
    for (const res of [created, register, list, clash, notFound]) {
      expect(res.headers['content-type']).toMatch(/^application\/json\b/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    // Verbatim JSON text: a browser shown this body would render text, not markup.
    expect(created.body).toContain(JSON.stringify(script));
    expect(clash.json().error.message).toContain(img);
  });

  it('keeps non-ASCII text intact (data is data)', async () => {
    const name = uniqueName('Bäckerei Müller 🥨 — «Ω»');
    const res = await h.req({ method: 'POST', url: `/api/v1/stores/${c.storeA}/registers`, token: c.owner, body: { name } });
    expect(res.statusCode).toBe(201);
    const list = (await h.req({ method: 'GET', url: `/api/v1/stores/${c.storeA}/registers`, token: c.owner })).json().items;
    expect(list.map((r: { name: string }) => r.name)).toContain(name);
  });
});

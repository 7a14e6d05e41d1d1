import { beforeAll, expect, it } from 'vitest';
import { BUILTIN_ROLES } from './modules/access/permissions.js';
import { useHarness } from './test-support/harness.js';
import { buildWorld, must, openApiRoutes, outcome, PASSWORD, PRINCIPALS, registeredRoutes, send, type Req, type World } from './test-support/matrix-fixtures.js';
import { DENIED, FOREIGN, type Expected, type MatrixCase, type MatrixWorlds } from './test-support/matrix-types.js';
import { describeEachDb } from './test-support/test-db.js';
import { platformCases } from './test-support/platform-matrix-cases.js';
import { buildCatalogWorld } from './modules/catalog/catalog-matrix-fixtures.js';
import { catalogCases } from './modules/catalog/catalog-matrix-cases.js';
import { buildPrintingWorld } from './modules/printing/printing-matrix-fixtures.js';
import { printingCases } from './modules/printing/printing-matrix-cases.js';
import { buildReceiptsWorld } from './modules/receipts/receipts-matrix-fixtures.js';
import { buildSalesWorld } from './modules/sales/sales-matrix-fixtures.js';
import { salesCases } from './modules/sales/sales-matrix-cases.js';
import { buildCheckoutWorld } from './modules/shifts/checkout-matrix-fixtures.js';
import { ledgerCases } from './modules/shifts/ledger-matrix-cases.js';

/**
 * Every /api/v1 route × every built-in role, a second store and a store-scoped API key. A cell is the
 * exact answer a client gets: the 2xx status when allowed, else "<status> <error.code>". The rows are
 * kept beside their modules (`*-matrix-cases.ts`); a new route without a row fails the first test.
 */

/** Filled by beforeAll; the rows read it only when their requests are made. */
const worlds = {} as MatrixWorlds;
const CASES: MatrixCase[] = [...platformCases(), ...catalogCases(worlds), ...salesCases(worlds), ...printingCases(worlds), ...ledgerCases(worlds)];

const label = (c: MatrixCase) => `${c.route}${c.variant ? ` (${c.variant})` : ''}`;

describeEachDb('authorization matrix: every route × every built-in role × two stores', (target) => {
  const h = useHarness(target);
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(h);
    worlds.cw = await buildCatalogWorld(h, w);
    worlds.ckw = await buildCheckoutWorld(h, w);
    worlds.sw = await buildSalesWorld(h, w);
    worlds.pw = await buildPrintingWorld(h, w);
    worlds.rw = await buildReceiptsWorld(h, w, worlds.sw);
  });

  it('has a row for every /api/v1 route the app serves, and none for routes that do not exist', async () => {
    const documented = await openApiRoutes(h);
    const routed = registeredRoutes(h.app.printRoutes({ commonPrefix: false }));
    const inMatrix = [...new Set(CASES.map((c) => c.route))].sort();
    expect(documented.length).toBeGreaterThan(20);
    // A route hidden from the OpenAPI document would otherwise escape the matrix.
    expect(routed).toEqual(documented);
    expect(documented.filter((r) => !inMatrix.includes(r))).toEqual([]);
    expect(inMatrix.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it.each(PRINCIPALS)('%s gets exactly the expected answer on every route', async (p) => {
    const actual: Record<string, Expected> = {};
    const expected: Record<string, Expected> = {};
    for (const c of CASES) {
      const r = await c.request(w, p);
      const res = await send(h, { ...r, token: 'token' in r ? r.token : w.tokens[p] });
      actual[label(c)] = outcome(res);
      expected[label(c)] = c.expect[p];
    }
    expect(actual).toEqual(expected);
  });

  it('lists only the stores each principal may see', async () => {
    const seen: Record<string, string[]> = {};
    for (const p of PRINCIPALS.filter((x) => x !== 'anonymous')) {
      const res = await send(h, { method: 'GET', url: '/stores', token: w.tokens[p] });
      must(res, 200, `GET /stores as ${p}`);
      const ids = (res.json().items as { id: string }[]).map((s) => s.id);
      seen[p] = ids.map((id) => (id === w.storeA ? 'A' : id === w.storeB ? 'B' : 'other'));
    }
    expect({ managerA: seen.managerA, cashierA: seen.cashierA, managerB: seen.managerB, apiKeyA: seen.apiKeyA }).toEqual({
      managerA: ['A'],
      cashierA: ['A'],
      managerB: ['B'],
      apiKeyA: ['A'],
    });
    expect(seen.owner).toEqual(expect.arrayContaining(['A', 'B']));
    expect(seen.admin).toEqual(expect.arrayContaining(['A', 'B']));
  });

  it('gives a manager of store B nothing of store A — not in lists, not in error messages', async () => {
    const leaks: string[] = [];
    const ids = [w.storeA, w.registerA, w.devices.renameA, w.users.targetA, w.users.managerA, w.users.cashierA];
    for (const c of CASES) {
      const r = await c.request(w, 'managerB');
      if (r.method !== 'GET') continue;
      const res = await send(h, { ...r, token: 'token' in r ? r.token : w.tokens.managerB });
      // GET /devices/me with store A's own device token is that device's own answer, not managerB's.
      if (r.device) continue;
      for (const id of ids) if (res.body.includes(id)) leaks.push(`${label(c)} contains ${id}`);
      if (res.body.includes('Demo Store Berlin')) leaks.push(`${label(c)} contains store A's name`);
    }
    expect(leaks).toEqual([]);

    const devices = (await send(h, { method: 'GET', url: '/devices', token: w.tokens.managerB })).json().items as { id: string; storeId: string }[];
    expect(devices.map((d) => d.id)).toContain(w.devices.renameB);
    expect(new Set(devices.map((d) => d.storeId))).toEqual(new Set([w.storeB]));
    const audit = (await send(h, { method: 'GET', url: '/audit?limit=500', token: w.tokens.managerB })).json().items as { storeId: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((e) => e.storeId))).toEqual(new Set([w.storeB]));
    const users = (await send(h, { method: 'GET', url: '/users', token: w.tokens.managerB })).json().items as { id: string }[];
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([w.users.managerB, w.users.targetB]));
  });

  it('refuses privilege escalation: nobody grants a role, store or permission they do not hold', async () => {
    // Built-in managers may read staff but not create them; a custom "store lead" may.
    const leadRole = await send(h, {
      method: 'POST',
      url: '/roles',
      token: w.tokens.owner,
      body: { name: w.unique('Store lead'), permissions: [...BUILTIN_ROLES.manager.permissions, 'users.manage'] },
    });
    must(leadRole, 201, 'POST /roles (store lead)');
    const leadEmail = `lead.${Date.now().toString(36)}@matrix.example`;
    must(
      await send(h, {
        method: 'POST',
        url: '/users',
        token: w.tokens.owner,
        body: { name: 'Lead A', email: leadEmail, password: PASSWORD, roleId: leadRole.json().id, storeIds: [w.storeA] },
      }),
      201,
      'POST /users (lead A)',
    );
    const lead = await h.login(leadEmail, PASSWORD);
    const newUser = (roleId: string, extra: object = { storeIds: [w.storeA] }) => ({
      name: w.unique('Escalation'),
      email: `${w.unique('esc').replace(/\W/g, '')}@matrix.example`,
      password: PASSWORD,
      roleId,
      ...extra,
    });
    const usersBefore = await h.count('users');

    const attempts: Record<string, Req & { token: string | undefined }> = {
      'managerA creates an owner': { method: 'POST', url: '/users', token: w.tokens.managerA, body: newUser(w.roles.owner) },
      'managerA creates a user in store B': { method: 'POST', url: '/users', token: w.tokens.managerA, body: newUser(w.roles.cashier, { storeIds: [w.storeB] }) },
      'managerA creates an API key': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.managerA,
        body: { name: 'mine', permissions: ['stores.read'], storeIds: [w.storeA] },
      },
      'managerA creates a role': { method: 'POST', url: '/roles', token: w.tokens.managerA, body: { name: w.unique('Mine'), permissions: ['stores.read'] } },
      'lead creates an owner': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.owner) },
      'lead creates an admin in store A': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.admin) },
      'lead creates an all-stores cashier': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier, { allStores: true }) },
      'lead creates a cashier in store B': { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier, { storeIds: [w.storeB] }) },
      'lead promotes cashierA to owner': { method: 'PATCH', url: `/users/${w.users.cashierA}`, token: lead, body: { roleId: w.roles.owner } },
      'lead adds store B to cashierA': { method: 'PATCH', url: `/users/${w.users.cashierA}`, token: lead, body: { storeIds: [w.storeA, w.storeB] } },
      'lead renames managerB': { method: 'PATCH', url: `/users/${w.users.managerB}`, token: lead, body: { name: 'Hijacked' } },
      'lead renames the owner': { method: 'PATCH', url: `/users/${w.users.owner}`, token: lead, body: { name: 'Hijacked' } },
      'lead resets the owner password': { method: 'POST', url: `/users/${w.users.owner}/password`, token: lead, body: { password: 'hijacked-password' } },
      'admin creates an owner': { method: 'POST', url: '/users', token: w.tokens.admin, body: newUser(w.roles.owner, { allStores: true }) },
      'admin creates a role with settings.manage': {
        method: 'POST',
        url: '/roles',
        token: w.tokens.admin,
        body: { name: w.unique('Settings'), permissions: ['settings.manage'] },
      },
      'admin adds settings.manage to a role': {
        method: 'PATCH',
        url: `/roles/${w.customRoleId}`,
        token: w.tokens.admin,
        body: { permissions: ['stores.read', 'settings.manage'] },
      },
      'admin creates an API key with settings.manage': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.admin,
        body: { name: 'settings', permissions: ['settings.manage'], allStores: true },
      },
      'managerB creates an API key for store A': {
        method: 'POST',
        url: '/api-keys',
        token: w.tokens.managerB,
        body: { name: 'peek', permissions: ['stores.read'], storeIds: [w.storeA] },
      },
    };
    const actual: Record<string, Expected> = {};
    for (const [what, r] of Object.entries(attempts)) actual[what] = outcome(await send(h, r));
    expect(actual).toEqual({
      'managerA creates an owner': DENIED,
      'managerA creates a user in store B': DENIED,
      'managerA creates an API key': DENIED,
      'managerA creates a role': DENIED,
      'lead creates an owner': '403 privilege_escalation',
      'lead creates an admin in store A': '403 privilege_escalation',
      'lead creates an all-stores cashier': '403 privilege_escalation',
      'lead creates a cashier in store B': FOREIGN,
      'lead promotes cashierA to owner': '403 privilege_escalation',
      'lead adds store B to cashierA': FOREIGN,
      'lead renames managerB': FOREIGN,
      'lead renames the owner': FOREIGN,
      'lead resets the owner password': FOREIGN,
      'admin creates an owner': '403 privilege_escalation',
      'admin creates a role with settings.manage': '403 privilege_escalation',
      'admin adds settings.manage to a role': '403 privilege_escalation',
      'admin creates an API key with settings.manage': '403 privilege_escalation',
      'managerB creates an API key for store A': DENIED,
    });
    expect(await h.count('users')).toBe(usersBefore);

    // Nothing changed hands: the owner still logs in with the demo password, cashierA is still a cashier in A.
    expect(await h.login()).toBeTruthy();
    const cashier = (await send(h, { method: 'GET', url: `/users/${w.users.cashierA}`, token: w.tokens.owner })).json();
    expect({ role: cashier.role, storeIds: cashier.storeIds, allStores: cashier.allStores }).toEqual({ role: 'cashier', storeIds: [w.storeA], allStores: false });

    // Control: what the lead does hold, the lead may grant.
    const ok = await send(h, { method: 'POST', url: '/users', token: lead, body: newUser(w.roles.cashier) });
    expect(outcome(ok)).toBe(201);
    expect(ok.json()).toMatchObject({ role: 'cashier', storeIds: [w.storeA], allStores: false });
  });
});

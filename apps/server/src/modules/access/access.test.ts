import { expect, it } from 'vitest';
import { sha256 } from '../../platform/security/secrets.js';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';

describeEachDb('staff, custom roles and API keys', (target) => {
  const h = useHarness(target);

  async function roleIdOf(token: string, key: string) {
    const roles = (await h.req({ method: 'GET', url: '/api/v1/roles', token })).json().items as { id: string; key: string }[];
    return roles.find((r) => r.key === key)!.id;
  }

  it('creates a custom role from the documented permission list and a user with it', async () => {
    const owner = await h.login();
    const perms = (await h.req({ method: 'GET', url: '/api/v1/permissions', token: owner })).json().items.map((p: { key: string }) => p.key);
    expect(perms).toEqual(expect.arrayContaining(['sales.refund', 'sales.discount.override', 'catalog.write', 'users.manage', 'reports.view', 'cash.drawer.open', 'fleet.manage']));
    const role = await h.req({ method: 'POST', url: '/api/v1/roles', token: owner, body: { name: 'Shift lead', permissions: ['sales.create', 'cash.drawer.open', 'stores.read'] } });
    expect(role.statusCode).toBe(201);
    const bad = await h.req({ method: 'POST', url: '/api/v1/roles', token: owner, body: { name: 'Bad', permissions: ['sales.teleport'] } });
    expect(bad.statusCode).toBe(400);
    const user = await h.req({ method: 'POST', url: '/api/v1/users', token: owner, body: { name: 'Sam', pin: '4567', roleId: role.json().id, storeIds: [h.demo.storeId] } });
    expect(user.statusCode).toBe(201);
    expect(user.json()).toMatchObject({ name: 'Sam', hasPin: true, storeIds: [h.demo.storeId], permissions: ['cash.drawer.open', 'sales.create', 'stores.read'] });
    // Sam may open the drawer without an override.
    const device = await h.pair();
    const sam = (await h.pinLogin(device, '4567')).json().token;
    const drawer = await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[0]}/no-sale`, token: sam, device, body: {} });
    expect(drawer.statusCode).toBe(200);
  });

  it('keeps PINs unique, passwords hashed with scrypt and built-in roles fixed', async () => {
    const owner = await h.login();
    const cashier = await roleIdOf(owner, 'cashier');
    const clash = await h.req({ method: 'POST', url: '/api/v1/users', token: owner, body: { name: 'Copy', pin: '1234', roleId: cashier, storeIds: [h.demo.storeId] } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'pin_taken', details: { field: 'body.pin' } });
    const row = await h.database.db.selectFrom('users').select('password_hash').where('email', '=', 'owner@example.com').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const change = await h.req({ method: 'PATCH', url: `/api/v1/roles/${cashier}`, token: owner, body: { permissions: ['sales.create'] } });
    expect(change.statusCode).toBe(403);
  });

  it('resets a password, which ends the user’s sessions', async () => {
    const owner = await h.login();
    const manager = await roleIdOf(owner, 'manager');
    const created = (await h.req({ method: 'POST', url: '/api/v1/users', token: owner, body: { name: 'Mia', email: 'mia@example.com', password: 'first-password-1', roleId: manager, storeIds: [h.demo.storeId] } })).json();
    const mia = await h.login('mia@example.com', 'first-password-1');
    const reset = await h.req({ method: 'POST', url: `/api/v1/users/${created.id}/password`, token: owner, body: { password: 'second-password-2' } });
    expect(reset.statusCode).toBe(204);
    expect((await h.req({ method: 'GET', url: '/api/v1/auth/me', token: mia })).statusCode).toBe(401);
    await expect(h.login('mia@example.com', 'first-password-1')).rejects.toThrow();
    expect(await h.login('mia@example.com', 'second-password-2')).toBeTruthy();
  });

  it('deactivating a user ends their sessions and PIN logins', async () => {
    const owner = await h.login();
    const device = await h.pair();
    const cashier = await roleIdOf(owner, 'cashier');
    const user = (await h.req({ method: 'POST', url: '/api/v1/users', token: owner, body: { name: 'Temp', pin: '2468', roleId: cashier, storeIds: [h.demo.storeId] } })).json();
    const temp = (await h.pinLogin(device, '2468')).json().token;
    await h.req({ method: 'PATCH', url: `/api/v1/users/${user.id}`, token: owner, body: { active: false } });
    expect((await h.req({ method: 'GET', url: '/api/v1/auth/me', token: temp, device })).statusCode).toBe(401);
    expect((await h.pinLogin(device, '2468')).statusCode).toBe(401);
  });

  it('shows an API key once, stores only its hash, scopes it and honours revocation', async () => {
    const owner = await h.login();
    const created = await h.req({ method: 'POST', url: '/api/v1/api-keys', token: owner, body: { name: 'Webshop', permissions: ['stores.read'], storeIds: [h.demo.storeId] } });
    expect(created.statusCode).toBe(201);
    const { secret, id } = created.json();
    expect(secret).toMatch(/^otk_/);
    const stored = await h.database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.secret_hash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    const list = await h.req({ method: 'GET', url: '/api/v1/api-keys', token: owner });
    expect(list.body).not.toContain(secret);

    const stores = await h.req({ method: 'GET', url: '/api/v1/stores', token: secret });
    expect(stores.json().items.map((s: { id: string }) => s.id)).toEqual([h.demo.storeId]);
    const write = await h.req({ method: 'POST', url: `/api/v1/stores/${h.demo.storeId}/registers`, token: secret, body: { name: 'API register' } });
    expect(write.statusCode).toBe(403);
    await h.req({ method: 'POST', url: `/api/v1/api-keys/${id}/revoke`, token: owner });
    const after = await h.req({ method: 'GET', url: '/api/v1/stores', token: secret });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_key');
  });

  it('records before and after in the audit log and pages through it with filters', async () => {
    const owner = await h.login();
    const patch = await h.req({ method: 'PATCH', url: `/api/v1/stores/${h.demo.storeId}`, token: owner, body: { name: 'Demo Store Berlin-Kreuzberg' } });
    expect(patch.statusCode).toBe(200);
    const entry = (await h.req({ method: 'GET', url: '/api/v1/audit?action=store.update', token: owner })).json().items[0];
    expect(entry.before.name).toBe('Demo Store Berlin');
    expect(entry.after.name).toBe('Demo Store Berlin-Kreuzberg');
    expect(entry.ip).toBeTruthy();
    await h.req({ method: 'PATCH', url: `/api/v1/stores/${h.demo.storeId}`, token: owner, body: { name: 'Demo Store Berlin' } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await h.req({ method: "GET", url: `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, token: owner })).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen.length).toBe(await h.count('audit_log'));
    const auth = (await h.req({ method: 'GET', url: '/api/v1/audit?action=auth.*&limit=500', token: owner })).json().items;
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
  });
});

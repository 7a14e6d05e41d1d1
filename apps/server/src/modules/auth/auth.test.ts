import { expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';

describeEachDb('back-office login, sessions and manager override', (target) => {
  const h = useHarness(target);

  it('logs the owner in with e-mail and password and returns a bearer token and an httpOnly cookie', async () => {
    const res = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'Owner@Example.com ', password: 'opentill-demo' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: 'owner@example.com', role: 'owner', allStores: true });
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/i);
    expect(res.headers['set-cookie']).toMatch(/SameSite=Strict/i);
    const me = await h.req({ method: 'GET', url: '/api/v1/auth/me', token: res.json().token });
    expect(me.json().user.name).toBe('Olivia Owner');
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'owner@example.com', password: 'nope-nope-nope' } });
    const unknown = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'ghost@example.com', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('revokes the session on logout', async () => {
    const token = await h.login();
    const out = await h.req({ method: 'POST', url: '/api/v1/auth/logout', token });
    expect(out.statusCode).toBe(204);
    const after = await h.req({ method: 'GET', url: '/api/v1/stores', token });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('session_expired');
  });

  it('expires sessions after their lifetime', async () => {
    const token = await h.login();
    h.clock.advance(13 * 3600_000);
    const res = await h.req({ method: 'GET', url: '/api/v1/auth/me', token });
    expect(res.statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes from another origin (CSRF) but accepts same-origin ones', async () => {
    const login = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'owner@example.com', password: 'opentill-demo' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const body = { name: 'Kasse 9' };
    const url = `/api/v1/stores/${h.demo.storeId}/registers`;
    const evil = await h.req({ method: 'POST', url, body, headers: { cookie, host: 'till.local', origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('csrf_failed');
    const noOrigin = await h.req({ method: 'POST', url, body, headers: { cookie, host: 'till.local' } });
    expect(noOrigin.statusCode).toBe(403);
    const ok = await h.req({ method: 'POST', url, body, headers: { cookie, host: 'till.local', origin: 'http://till.local' } });
    expect(ok.statusCode).toBe(201);
    const read = await h.req({ method: 'GET', url: '/api/v1/stores', headers: { cookie } });
    expect(read.statusCode).toBe(200);
  });

  it('lets a cashier open the drawer only with a manager PIN, running as the cashier with the approver recorded', async () => {
    const device = await h.pair();
    const chris = (await h.pinLogin(device, '1234')).json().token;
    const url = `/api/v1/registers/${h.demo.registerIds[0]}/no-sale`;
    const denied = await h.req({ method: 'POST', url, token: chris, device, body: { reason: 'change for a 50' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'permission_denied', details: { permission: 'cash.drawer.open', overridable: true } });

    const ownPin = await h.req({ method: 'POST', url, token: chris, device, body: {}, headers: { 'x-override-pin': '1234' } });
    expect(ownPin.statusCode).toBe(403);
    expect(ownPin.json().error.code).toBe('override_denied');

    const approved = await h.req({ method: 'POST', url, token: chris, device, body: { reason: 'change for a 50' }, headers: { 'x-override-pin': '9999' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().approvedBy).toBe('Maria');

    const owner = await h.login();
    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit?action=cash.drawer.no_sale', token: owner })).json();
    const maria = await h.database.db.selectFrom('users').select('id').where('name', '=', 'Maria').executeTakeFirstOrThrow();
    const chrisRow = await h.database.db.selectFrom('users').select('id').where('name', '=', 'Chris').executeTakeFirstOrThrow();
    expect(audit.items[0]).toMatchObject({
      actor: { userId: chrisRow.id, name: 'Chris' },
      approverUserId: maria.id,
      registerId: h.demo.registerIds[0],
      details: { reason: 'change for a 50' },
    });
  });

  it('counts wrong override PINs towards the register lock', async () => {
    const device = await h.pair(h.demo.registerIds[1]);
    const chris = (await h.pinLogin(device, '1234')).json().token;
    const url = `/api/v1/registers/${h.demo.registerIds[1]}/no-sale`;
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (await h.req({ method: 'POST', url, token: chris, device, body: {}, headers: { 'x-override-pin': '4321' } })).statusCode;
    }
    expect(last).toBe(423);
    const locked = await h.req({ method: 'POST', url, token: chris, device, body: {}, headers: { 'x-override-pin': '9999' } });
    expect(locked.statusCode).toBe(423);
  });
});

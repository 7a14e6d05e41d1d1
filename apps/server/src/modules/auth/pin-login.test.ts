import { describe, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';

describeEachDb('register pairing and PIN login', (target) => {
  const h = useHarness(target);

  it('pairs a browser with a one-time code and logs Chris in with his PIN', async () => {
    const device = await h.pair();
    const res = await h.pinLogin(device, '1234');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.name).toBe('Chris');
    expect(body.store.name).toBe('Demo Store Berlin');
    expect(body.register.name).toBe('Kasse 1');
    expect(res.headers['set-cookie']).toMatch(/opentill_session=.*HttpOnly.*SameSite=Strict/i);
    const me = await h.req({ method: 'GET', url: '/api/v1/auth/me', token: body.token, device });
    expect(me.json().session).toMatchObject({ kind: 'register', registerId: h.demo.registerIds[0] });
  });

  it('refuses a pairing code a second time and after it expired', async () => {
    const owner = await h.login();
    const code = (await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[1]}/pairing-codes`, token: owner })).json();
    expect(code.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(code.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(code.pairUrl).toContain(`/register/pair?code=${code.code}`);
    const first = await h.req({ method: 'POST', url: '/api/v1/devices/pair', body: { code: code.code.toLowerCase() } });
    expect(first.statusCode).toBe(201);
    const again = await h.req({ method: 'POST', url: '/api/v1/devices/pair', body: { code: code.code } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('pairing_code_invalid');

    const late = (await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[1]}/pairing-codes`, token: owner })).json();
    h.clock.advance(10 * 60_000 + 1);
    const expired = await h.req({ method: 'POST', url: '/api/v1/devices/pair', body: { code: late.code } });
    expect(expired.json().error.code).toBe('pairing_code_invalid');
  });

  it('locks PIN entry on the register for 5 minutes after 5 wrong PINs, and audits every attempt', async () => {
    const device = await h.pair(h.demo.registerIds[1]);
    for (let i = 1; i <= 4; i++) {
      const res = await h.pinLogin(device, '0000');
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'invalid_pin', details: { attemptsLeft: 5 - i } });
    }
    const fifth = await h.pinLogin(device, '0000');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('pin_locked');
    const lockedUntil = fifth.json().error.details.lockedUntil as string;
    expect(Date.parse(lockedUntil) - h.clock.now().getTime()).toBe(5 * 60_000);

    const rightButLocked = await h.pinLogin(device, '1234');
    expect(rightButLocked.statusCode).toBe(423);

    h.clock.advance(5 * 60_000 + 1);
    const afterLock = await h.pinLogin(device, '1234');
    expect(afterLock.statusCode).toBe(200);

    const owner = await h.login();
    const audit = await h.req({ method: 'GET', url: `/api/v1/audit?action=auth.pin_login&limit=50`, token: owner });
    const outcomes = audit.json().items.filter((e: { registerId: string }) => e.registerId === h.demo.registerIds[1]);
    expect(outcomes.filter((e: { outcome: string }) => e.outcome === 'failure')).toHaveLength(6);
    expect(outcomes.filter((e: { outcome: string }) => e.outcome === 'success')).toHaveLength(1);
    // A PIN never reaches the audit log.
    expect(audit.body).not.toContain('"0000"');
  });

  it('refuses a revoked device and every session on it at the next request', async () => {
    const device = await h.pair();
    const session = (await h.pinLogin(device, '1234')).json().token;
    const owner = await h.login();
    const list = (await h.req({ method: 'GET', url: `/api/v1/devices?storeId=${h.demo.storeId}`, token: owner })).json();
    const mine = list.items.find((d: { revokedAt: string | null }) => !d.revokedAt);
    const deviceMe = await h.req({ method: 'GET', url: '/api/v1/devices/me', device });
    const deviceId = deviceMe.json().device.id;
    expect(mine).toBeTruthy();
    const renamed = await h.req({ method: 'PATCH', url: `/api/v1/devices/${deviceId}`, token: owner, body: { name: 'Front counter' } });
    expect(renamed.json().name).toBe('Front counter');
    const revoked = await h.req({ method: 'POST', url: `/api/v1/devices/${deviceId}/revoke`, token: owner });
    expect(revoked.json().revokedAt).toBeTruthy();

    const me = await h.req({ method: 'GET', url: '/api/v1/auth/me', token: session, device });
    expect(me.statusCode).toBe(401);
    const again = await h.pinLogin(device, '1234');
    expect(again.json().error.code).toBe('device_revoked');
    const self = await h.req({ method: 'GET', url: '/api/v1/devices/me', device });
    expect(self.json().error.code).toBe('device_revoked');
  });

  it('does not accept a register session without its device token', async () => {
    const device = await h.pair();
    const session = (await h.pinLogin(device, '1234')).json().token;
    const stolen = await h.req({ method: 'GET', url: '/api/v1/auth/me', token: session });
    expect(stolen.statusCode).toBe(401);
    expect(stolen.json().error.code).toBe('device_required');
  });

  it('accepts a PIN only on registers of the user’s stores', async () => {
    const owner = await h.login();
    const store = await h.req({
      method: 'POST',
      url: '/api/v1/stores',
      token: owner,
      body: { name: 'Filiale Hamburg', address: { line1: 'Jungfernstieg 1', postalCode: '20095', city: 'Hamburg', country: 'DE' }, currency: 'EUR', timeZone: 'Europe/Berlin', locale: 'de-DE' },
    });
    expect(store.statusCode).toBe(201);
    const register = await h.req({ method: 'POST', url: `/api/v1/stores/${store.json().id}/registers`, token: owner, body: { name: 'HH 1' } });
    const device = await h.pair(register.json().id);
    const chris = await h.pinLogin(device, '1234');
    expect(chris.statusCode).toBe(401);
    expect(chris.json().error.code).toBe('invalid_pin');
  });
});

describe('PIN format', () => {
  it('is documented as 4 to 6 digits', async () => {
    const { pinSchema } = await import('../access/users.schema.js');
    expect(pinSchema.safeParse('1234').success).toBe(true);
    expect(pinSchema.safeParse('123456').success).toBe(true);
    expect(pinSchema.safeParse('123').success).toBe(false);
    expect(pinSchema.safeParse('1234567').success).toBe(false);
    expect(pinSchema.safeParse('12a4').success).toBe(false);
  });
});

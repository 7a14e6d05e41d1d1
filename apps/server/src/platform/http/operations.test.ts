import { expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { migrateToLatest } from '../db/migrate.js';

describeEachDb('operations endpoints and security headers', (target) => {
  const h = useHarness(target);

  it('answers liveness and readiness', async () => {
    expect((await h.req({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await h.req({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: target.dialect });
  });

  it('exports Prometheus request latency per route and status, and database timings', async () => {
    await h.req({ method: 'GET', url: '/api/v1/stores' });
    const metrics = (await h.req({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/opentill_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/stores"[^}]*status="401"/);
    expect(metrics).toMatch(/opentill_db_query_duration_seconds_count/);
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and the docs page', async () => {
    const doc = (await h.req({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/devices/pair', '/api/v1/audit']));
    const login = doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['email', 'password']);
    expect(login.additionalProperties).toBe(false);
    const docs = await h.req({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends a strict Content-Security-Policy and security headers, and no-store on API answers', async () => {
    const res = await h.req({ method: 'GET', url: '/api/v1/stores' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers unknown API routes with a JSON error body', async () => {
    const res = await h.req({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });

  it('runs migrations idempotently: a second run applies nothing', async () => {
    const again = await migrateToLatest(h.database);
    expect(again.applied).toEqual([]);
  });
});

describeEachDb('rate limits on login and PIN endpoints', (target) => {
  const h = useHarness(target, { rateLimits: { loginPerMinute: 3, pinPerMinute: 3 } });

  it('refuses the fourth login attempt within a minute with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'x@example.com', password: 'wrong-password' } })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'x@example.com', password: 'wrong-password' } });
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('limits PIN attempts per client too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.req({ method: 'POST', url: '/api/v1/auth/pin-login', body: { pin: '1111' } })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
  });
});

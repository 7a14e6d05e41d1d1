import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serverChildren, startServerProcess, type ServerProcess } from './test-support/server-process.js';

/**
 * Acceptance: killing the server (SIGKILL) and restarting loses no committed write. This runs the real
 * CLI (`opentill serve --demo`) as a child process on an embedded SQLite database; it is SQLite-only by
 * design (PostgreSQL durability is PostgreSQL's own fsync/WAL contract, not ours).
 */

const DEMO_OWNER = { email: 'owner@example.com', password: 'opentill-demo' };

type Running = ServerProcess;

/** Where the server's scratch files (tsx config, no web dir) go: beside the data dir, not inside it. */
const startServer = (dataDir: string): Promise<Running> =>
  startServerProcess({ dataDir, scratch: `${dataDir}-scratch` });

async function kill(server: Running): Promise<void> {
  server.child.kill('SIGKILL');
  const { signal } = await server.exited;
  expect(signal).toBe('SIGKILL');
}

async function api(
  base: string,
  method: string,
  url: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function login(base: string): Promise<string> {
  const res = await api(base, 'POST', '/auth/login', undefined, DEMO_OWNER);
  expect(res.status).toBe(200);
  return res.json.token as string;
}

async function registersOf(base: string, token: string, storeId: string): Promise<Map<string, string>> {
  const res = await api(base, 'GET', `/stores/${storeId}/registers`, token);
  expect(res.status).toBe(200);
  return new Map((res.json.items as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** Acknowledged = the client received 201 with the register. Only those must survive. */
function createRegister(
  base: string,
  token: string,
  storeId: string,
  name: string,
  acked: Map<string, string>,
) {
  return api(base, 'POST', `/stores/${storeId}/registers`, token, { name }).then(
    (res) => {
      if (res.status === 201) acked.set(res.json.id as string, name);
      return res.status;
    },
    () => 'connection lost' as const,
  );
}

function missingFrom(found: Map<string, string>, acked: Map<string, string>): string[] {
  return [...acked].filter(([id, name]) => found.get(id) !== name).map(([id, name]) => `${name} (${id})`);
}

describe('durability: SIGKILL and restart lose no acknowledged write [sqlite]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opentill-durability-'));

  afterAll(async () => {
    for (const child of serverChildren) child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-scratch`, { recursive: true, force: true });
  });

  it(
    'keeps every acknowledged register across two SIGKILLs, and the database file is intact',
    { timeout: 180_000 },
    async () => {
      const acked = new Map<string, string>();

      // 1. 50 writes one after another, then 10 more in flight; SIGKILL the moment the first of those is acknowledged.
      let server = await startServer(dataDir);
      let token = await login(server.base);
      const stores = await api(server.base, 'GET', '/stores', token);
      const storeId = (stores.json.items as { id: string; name: string }[]).find(
        (s) => s.name === 'Demo Store Berlin',
      )!.id;
      for (let i = 0; i < 50; i++) {
        expect(await createRegister(server.base, token, storeId, `Durable ${i}`, acked)).toBe(201);
      }
      const inFlight = Array.from({ length: 10 }, (_, i) =>
        createRegister(server.base, token, storeId, `In flight ${i}`, acked),
      );
      await Promise.race(inFlight);
      await kill(server);
      const firstOutcomes = await Promise.all(inFlight);
      expect(acked.size).toBeGreaterThanOrEqual(51);
      expect(firstOutcomes.every((o) => o === 201 || o === 'connection lost')).toBe(true);

      // 2. Restart on the same data directory: ready, and every acknowledged register is there with its name.
      server = await startServer(dataDir);
      token = await login(server.base);
      expect(missingFrom(await registersOf(server.base, token, storeId), acked)).toEqual([]);
      // --demo does not seed a second time into a database that has data.
      const afterRestart = await api(server.base, 'GET', '/stores', token);
      expect(
        (afterRestart.json.items as { name: string }[]).filter((s) => s.name === 'Demo Store Berlin'),
      ).toHaveLength(1);

      // 3. 40 concurrent writes; SIGKILL once 10 are acknowledged, with the rest mid-request.
      let ackCount = 0;
      let tenAcked!: () => void;
      const tenAckedP = new Promise<void>((r) => (tenAcked = r));
      const burst = Array.from({ length: 40 }, (_, i) =>
        createRegister(server.base, token, storeId, `Burst ${i}`, acked).then((o) => {
          if (o === 201 && ++ackCount === 10) tenAcked();
          return o;
        }),
      );
      await Promise.race([tenAckedP, Promise.all(burst)]);
      await kill(server);
      const burstOutcomes = await Promise.all(burst);
      expect(burstOutcomes.filter((o) => o === 201).length).toBeGreaterThanOrEqual(10);
      expect(burstOutcomes.every((o) => o === 201 || o === 'connection lost')).toBe(true);

      server = await startServer(dataDir);
      token = await login(server.base);
      const found = await registersOf(server.base, token, storeId);
      expect(missingFrom(found, acked)).toEqual([]);
      // A write that never got its answer either happened completely or not at all: no half-named rows.
      const known = new Set([
        ...Array.from({ length: 50 }, (_, i) => `Durable ${i}`),
        ...Array.from({ length: 10 }, (_, i) => `In flight ${i}`),
        ...Array.from({ length: 40 }, (_, i) => `Burst ${i}`),
        'Kasse 1',
        'Kasse 2',
      ]);
      expect([...found.values()].filter((name) => !known.has(name))).toEqual([]);

      // 4. Graceful stop, then check the file itself.
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const db = new SqliteDatabase(path.join(dataDir, 'opentill.sqlite'), {
        readonly: true,
        fileMustExist: true,
      });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const rows = db.prepare('SELECT id, name FROM registers WHERE store_id = ?').all(storeId) as {
          id: string;
          name: string;
        }[];
        expect(missingFrom(new Map(rows.map((r) => [r.id, r.name])), acked)).toEqual([]);
        // Each register and its audit entry were one transaction: every surviving register has its entry.
        const audited = new Set(
          (
            db.prepare("SELECT entity_id FROM audit_log WHERE action = 'register.create'").all() as {
              entity_id: string;
            }[]
          ).map((r) => r.entity_id),
        );
        expect(
          rows.filter((r) => !r.name.startsWith('Kasse') && !audited.has(r.id)).map((r) => r.name),
        ).toEqual([]);
      } finally {
        db.close();
      }
    },
  );
});

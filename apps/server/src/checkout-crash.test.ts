import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uuidv7 } from '@opentill/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from './demo/seed.js';
import { verifyJournal } from './modules/journal/index.js';
import { stockLevel, verifyStockLevels } from './modules/stock/index.js';
import { ManualClock } from './platform/clock.js';
import { systemContext } from './platform/context.js';
import type { Database } from './platform/db/database.js';
import {
  LOAD_SKUS,
  START_STOCK_MILLI,
  basketShapes,
  oneTo,
  saleRequest,
  seededRandom,
  serverChildren,
  soldPerProduct,
  startServerProcess,
  type Basket,
  type SaleRequest,
  type ServerProcess,
} from './test-support/checkout-load.js';
import { describeEachDb } from './test-support/test-db.js';

/**
 * Issue 4, acceptance 2: the real server process (`opentill serve`) under checkout load from 10
 * registers is SIGKILLed 3 times at random moments and restarted on the same database. Each register
 * behaves like its outbox: a request that fails on the network is re-sent with the SAME body and
 * Idempotency-Key until it is answered. At the end every sale answered 2xx exists exactly once (with
 * the store number it was answered with), no sale exists twice, sales retried after a crash exist
 * exactly once, numbering is gap-free, the journal verifies and stock levels equal their movements.
 * Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (a fresh database per run).
 */

const CLIENTS = 10;
const SALES_PER_CLIENT = 80;
const KILLS = 3;
const DUPLICATE_SHARE = 0.15;
const MAX_ATTEMPTS = 40;
const SEED = Number(process.env.CHECKOUT_LOAD_SEED ?? 20261127);

interface Reply {
  status: number;
  text: string;
  replay: string | null;
}

class NetworkError extends Error {}

async function call(
  base: string,
  method: string,
  url: string,
  opts: { token?: string; device?: string; key?: string; body?: unknown } = {},
): Promise<Reply> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.device ? { 'x-device-token': opts.device } : {}),
        ...(opts.key ? { 'idempotency-key': opts.key } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, text: await res.text(), replay: res.headers.get('idempotent-replay') };
  } catch (err) {
    throw new NetworkError(`${method} ${url}: ${(err as Error).message}`);
  }
}

async function must(p: Promise<Reply>, status: number, what: string): Promise<Record<string, unknown>> {
  const r = await p;
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${r.text}`);
  return JSON.parse(r.text) as Record<string, unknown>;
}

/**
 * The registers reach the server through this TCP proxy on a fixed port. Before a kill it can hold
 * back the server's replies: requests that commit in that window never get their answer, exactly like
 * a crash between COMMIT and the response reaching the register, which a random SIGKILL rarely hits.
 */
class HoldingProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private holding = false;
  port = 0;

  constructor(private upstreamPort: number) {
    this.server = createServer((client) => {
      const upstream = connect(this.upstreamPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d) => {
        if (!this.holding) client.write(d);
      });
      for (const s of [client, upstream]) s.on('error', close).on('close', close);
    });
  }
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  hold(): void {
    this.holding = true;
  }
  /** Drops every connection (replies held back are lost) and forwards to the restarted server. */
  reset(upstreamPort: number): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.holding = false;
    this.upstreamPort = upstreamPort;
  }
  close(): Promise<void> {
    this.reset(this.upstreamPort);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const portOf = (base: string) => Number(new URL(base).port);

interface Client {
  registerId: string;
  token: string;
  device: string;
}

interface Tracked {
  request: SaleRequest;
  attempts: number;
  /** Sent at least once when the connection broke (server killed mid-request or down). */
  networkErrors: number;
  answer?: Reply;
  /** The answer that followed a network error: a replay when the lost attempt had committed. */
  answerAfterCrash?: Reply;
  duplicate?: Reply;
}

describeEachDb(
  'checkout crash: SIGKILL ×3 under load loses no acknowledged sale and duplicates none',
  (target) => {
    let database: Database;
    let cleanup: () => Promise<void> = async () => undefined;
    let dataDir = '';
    let databaseUrl: string | undefined;
    let scratch = '';
    let server: ServerProcess | undefined;
    let proxy: HoldingProxy | undefined;

    beforeAll(async () => {
      const created = await target.create();
      database = created.database;
      cleanup = created.cleanup;
      databaseUrl = created.url;
      scratch = mkdtempSync(path.join(tmpdir(), 'opentill-crash-'));
      dataDir = created.dataDir ?? path.join(scratch, 'data');
    });

    afterAll(async () => {
      for (const child of serverChildren) child.kill('SIGKILL');
      await proxy?.close();
      await new Promise((r) => setTimeout(r, 100));
      await cleanup();
      rmSync(scratch, { recursive: true, force: true });
    });

    it(
      'keeps every 2xx sale exactly once across three SIGKILLs; journal and stock verify',
      { timeout: 240_000 },
      async () => {
        const t0 = Date.now();
        const start = () => startServerProcess({ dataDir, scratch, databaseUrl });
        server = await start();
        const startupMs = Date.now() - t0;
        const api = (method: string, url: string, opts?: Parameters<typeof call>[3]) =>
          call(server!.base, method, url, opts);

        // ---- setup over HTTP: store, items, prices, stock, registers with devices, cashiers and shifts
        const owner = (
          await must(
            api('POST', '/auth/login', { body: { email: DEMO.owner.email, password: DEMO.owner.password } }),
            200,
            'login',
          )
        ).token as string;
        const stores = (await must(api('GET', '/stores', { token: owner }), 200, 'stores')).items as {
          id: string;
          name: string;
        }[];
        const storeId = stores.find((s) => s.name === DEMO.store)!.id;
        const products: { id: string; sku: string }[] = [];
        for (const sku of LOAD_SKUS) {
          const page = await must(
            api('GET', `/catalog/products?storeId=${storeId}&q=${sku}`, { token: owner }),
            200,
            `products ${sku}`,
          );
          products.push({
            id: (page.items as { id: string; sku: string }[]).find((p) => p.sku === sku)!.id,
            sku,
          });
        }
        const baskets: Basket[] = [];
        for (const lines of basketShapes(products.map((p) => p.id))) {
          const quote = await must(
            api('POST', '/pricing/quote', { token: owner, body: { storeId, lines } }),
            200,
            'quote',
          );
          baskets.push({ lines, total: (quote.totals as { payable: number }).payable });
        }
        const adjustments = [];
        for (const p of products) {
          const level = await must(
            api('GET', `/stores/${storeId}/stock?productId=${p.id}`, { token: owner }),
            200,
            'stock',
          );
          const current = (level.items as { qtyMilli: number }[])[0]?.qtyMilli ?? 0;
          if (current !== START_STOCK_MILLI)
            adjustments.push({
              productId: p.id,
              qtyMilli: START_STOCK_MILLI - current,
              reason: 'crash load start',
            });
        }
        if (adjustments.length)
          await must(
            api('POST', `/stores/${storeId}/stock/adjustments`, {
              token: owner,
              body: { id: uuidv7(), lines: adjustments },
            }),
            201,
            'adjust',
          );

        const clients: Client[] = [];
        for (let i = 0; i < CLIENTS; i++) {
          const reg = await must(
            api('POST', `/stores/${storeId}/registers`, { token: owner, body: { name: `Crash ${i + 1}` } }),
            201,
            'register',
          );
          const registerId = reg.id as string;
          const code = await must(
            api('POST', `/registers/${registerId}/pairing-codes`, { token: owner }),
            201,
            'pairing code',
          );
          const device = (
            await must(api('POST', '/devices/pair', { body: { code: code.code } }), 201, 'pair')
          ).deviceToken as string;
          const token = (
            await must(
              api('POST', '/auth/pin-login', { device, body: { pin: DEMO.cashier.pin } }),
              200,
              'pin-login',
            )
          ).token as string;
          await must(
            api('POST', `/registers/${registerId}/shifts`, {
              token,
              device,
              body: { id: uuidv7(), openingFloat: 5_000 },
            }),
            201,
            'open shift',
          );
          clients.push({ registerId, token, device });
        }
        const journalBefore = (
          await must(api('GET', `/stores/${storeId}/journal/verify`, { token: owner }), 200, 'verify')
        ).entries as number;
        expect(
          Number(
            (
              await database.db
                .selectFrom('sales')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBe(0);

        // ---- the load: 10 register loops, an outbox-like retry, and a killer that SIGKILLs 3 times
        const random = seededRandom(SEED + (target.dialect === 'postgres' ? 7 : 3));
        const total = CLIENTS * SALES_PER_CLIENT;
        const plans: Tracked[][] = clients.map((c, ci) =>
          oneTo(SALES_PER_CLIENT).map((seq) => ({
            request: saleRequest(
              c.registerId,
              seq,
              `C${ci + 1}`,
              baskets[Math.floor(random() * baskets.length)]!,
            ),
            attempts: 0,
            networkErrors: 0,
          })),
        );
        const duplicateOf = new Set(
          plans
            .flat()
            .filter(() => random() < DUPLICATE_SHARE)
            .map((t) => t.request.body.id),
        );
        // Kill after N acknowledged sales: one moment in each of the 1st, 2nd and 3rd quarter-ish of the run.
        const killAt = [0.1, 0.4, 0.7].map((from) => Math.floor(total * (from + random() * 0.15)));

        proxy = new HoldingProxy(portOf(server.base));
        await proxy.listen();
        const viaProxy = `http://127.0.0.1:${proxy.port}`;
        // How long replies are held back before each kill: 0 = a plain SIGKILL mid-request.
        const holdMs = [80, 0, 20 + Math.floor(random() * 80)];

        let acked = 0;
        let generation = 0;
        let up: Promise<void> = Promise.resolve();
        let onAck: () => void = () => undefined;
        const kills: { afterAcks: number; holdMs: number; downMs: number; exit: string }[] = [];

        async function send(c: Client, t: Tracked): Promise<Reply> {
          for (;;) {
            if (++t.attempts > MAX_ATTEMPTS)
              throw new Error(`${t.request.body.receiptNo}: no answer after ${MAX_ATTEMPTS} attempts`);
            await up;
            const gen = generation;
            try {
              const r = await call(viaProxy, 'POST', '/sales', {
                token: c.token,
                device: c.device,
                key: t.request.key,
                body: t.request.body,
              });
              if (r.status >= 500) {
                // A server shutting down or a transient error: the outbox retries the same request.
                await new Promise((res) => setTimeout(res, 50));
                continue;
              }
              return r;
            } catch (err) {
              if (!(err instanceof NetworkError)) throw err;
              t.networkErrors += 1;
              // Wait for the restart (if this was not a kill, retry after a short pause).
              await new Promise((res) => setTimeout(res, 20));
              if (generation === gen) await up;
            }
          }
        }

        async function runClient(ci: number): Promise<void> {
          const c = clients[ci]!;
          for (const t of plans[ci]!) {
            const errorsBefore = t.networkErrors;
            t.answer = await send(c, t);
            if (t.networkErrors > errorsBefore) t.answerAfterCrash = t.answer;
            if (t.answer.status >= 200 && t.answer.status < 300) {
              acked += 1;
              onAck();
            }
            if (duplicateOf.has(t.request.body.id)) t.duplicate = await send(c, t);
          }
        }

        async function killer(): Promise<void> {
          for (const [k, threshold] of killAt.entries()) {
            await new Promise<void>((resolve) => {
              onAck = () => {
                if (acked >= threshold) resolve();
              };
              onAck();
            });
            // A random moment a few milliseconds later, with requests of all registers in flight.
            await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
            let release!: () => void;
            let fail!: (err: unknown) => void;
            up = new Promise<void>((resolve, reject) => {
              release = resolve;
              fail = reject;
            });
            up.catch(() => undefined);
            const downAt = Date.now();
            const afterAcks = acked;
            if (holdMs[k]! > 0) {
              proxy!.hold();
              await new Promise((r) => setTimeout(r, holdMs[k]));
            }
            server!.child.kill('SIGKILL');
            const exit = await server!.exited;
            proxy!.reset(0);
            try {
              server = await start();
            } catch (err) {
              fail(err);
              throw err;
            }
            proxy!.reset(portOf(server.base));
            kills.push({
              afterAcks,
              holdMs: holdMs[k]!,
              downMs: Date.now() - downAt,
              exit: String(exit.signal),
            });
            generation += 1;
            release();
          }
          onAck = () => undefined;
        }

        const loadStart = Date.now();
        await Promise.all([killer(), ...clients.map((_, ci) => runClient(ci))]);
        const loadMs = Date.now() - loadStart;

        const all = plans.flat();
        const retriedAfterCrash = all.filter((t) => t.networkErrors > 0);
        const committedBeforeCrash = retriedAfterCrash.filter((t) => t.answerAfterCrash?.replay === 'true');
        console.log(
          `[${target.dialect}] ${server.mode}: ${total} sales from ${CLIENTS} registers in ${loadMs} ms (startup ${startupMs} ms); kills ${JSON.stringify(kills)}; ` +
            `${retriedAfterCrash.length} sales re-sent after a broken connection, ${committedBeforeCrash.length} of them had committed before the kill`,
        );

        // Three SIGKILLs really happened mid-load, and some requests were cut off by them.
        expect(kills).toHaveLength(KILLS);
        expect(kills.every((k) => k.exit === 'SIGKILL')).toBe(true);
        expect(retriedAfterCrash.length).toBeGreaterThan(0);
        // Replies held back before a kill: those sales had committed, so the retry is answered as a replay.
        expect(committedBeforeCrash.length).toBeGreaterThan(0);

        // Every sale was eventually answered 201 with its own register number (the first answer or a replay of it).
        const notOk = all.filter((t) => t.answer?.status !== 201);
        expect(
          notOk
            .map((t) => `${t.request.body.receiptNo}: ${t.answer?.status} ${t.answer?.text.slice(0, 300)}`)
            .slice(0, 5),
        ).toEqual([]);
        const answered = new Map(
          all.map((t) => [
            t.request.body.id,
            JSON.parse(t.answer!.text) as {
              id: string;
              registerSeq: number;
              storeSeq: number;
              sequenceIssue: unknown;
            },
          ]),
        );
        for (const t of all)
          expect(answered.get(t.request.body.id)).toMatchObject({
            id: t.request.body.id,
            registerSeq: t.request.body.registerSeq,
            sequenceIssue: null,
          });
        // A deliberate duplicate gets exactly the stored answer.
        const dups = all.filter((t) => t.duplicate);
        expect(dups.length).toBeGreaterThan(0);
        expect(
          dups
            .filter(
              (t) =>
                t.duplicate!.status !== t.answer!.status ||
                t.duplicate!.text !== t.answer!.text ||
                t.duplicate!.replay !== 'true',
            )
            .map((t) => t.request.body.receiptNo),
        ).toEqual([]);

        // ---- after the run: the journal verifies over HTTP, then a graceful stop and the database itself
        const verified = await must(
          api('GET', `/stores/${storeId}/journal/verify`, { token: owner }),
          200,
          'journal verify',
        );
        expect(verified).toEqual({ ok: true, entries: journalBefore + total });
        server.child.kill('SIGTERM');
        expect(await server.exited).toEqual({ code: 0, signal: null });

        const db = database.db;
        if (target.dialect === 'sqlite') {
          expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows).toEqual([
            { integrity_check: 'ok' },
          ]);
        }
        const rows = await db
          .selectFrom('sales')
          .select(['id', 'register_id', 'register_seq', 'claimed_register_seq', 'store_seq', 'status'])
          .where('store_id', '=', storeId)
          .execute();
        // Every acknowledged sale exists exactly once (by id and as a document), with the number it was answered with.
        expect(rows).toHaveLength(total);
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(all.map((t) => t.request.body.id)));
        expect(
          rows
            .filter((r) => r.status !== 'completed' || Number(r.store_seq) !== answered.get(r.id)!.storeSeq)
            .map((r) => r.id),
        ).toEqual([]);
        expect(rows.map((r) => Number(r.store_seq)).sort((a, b) => a - b)).toEqual(oneTo(total));
        for (const c of clients) {
          const mine = rows.filter((r) => r.register_id === c.registerId);
          expect(mine.map((r) => Number(r.claimed_register_seq)).sort((a, b) => a - b)).toEqual(
            oneTo(SALES_PER_CLIENT),
          );
          expect(mine.every((r) => r.register_seq === r.claimed_register_seq)).toBe(true);
        }
        expect(
          Number(
            (
              await db
                .selectFrom('sale_lines')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBe(all.reduce((n, t) => n + t.request.body.lines.length, 0));
        expect(
          Number(
            (
              await db
                .selectFrom('sale_payments')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBe(total);
        expect(
          await db
            .selectFrom('idempotency_keys')
            .select('key')
            .where('key', 'like', 'checkout-load-%')
            .execute(),
        ).toHaveLength(total);

        // Journal: intact, one sale entry per sale; stock: levels equal their movements and start − sold.
        const orgId = (
          await db.selectFrom('stores').select('org_id').where('id', '=', storeId).executeTakeFirstOrThrow()
        ).org_id;
        const ctx = systemContext(db, new ManualClock(new Date()), orgId);
        expect(await verifyJournal(ctx, storeId)).toEqual({ ok: true, entries: journalBefore + total });
        const saleEntries = await db
          .selectFrom('journal_entries')
          .select('document_id')
          .where('store_id', '=', storeId)
          .where('type', '=', 'sale')
          .execute();
        expect(saleEntries).toHaveLength(total);
        expect(new Set(saleEntries.map((e) => e.document_id)).size).toBe(total);
        expect(await verifyStockLevels(ctx, storeId)).toEqual([]);
        const sold = soldPerProduct(all.map((t) => t.request));
        for (const p of products)
          expect({ sku: p.sku, level: await stockLevel(ctx, storeId, p.id, null) }).toEqual({
            sku: p.sku,
            level: START_STOCK_MILLI - (sold.get(p.id) ?? 0),
          });
        expect(
          await db
            .selectFrom('stock_movements')
            .select('id')
            .where('store_id', '=', storeId)
            .where('kind', '=', 'sale')
            .execute(),
        ).toHaveLength(all.reduce((n, t) => n + t.request.body.lines.length, 0));
        console.log(`[${target.dialect}] crash test total ${Date.now() - t0} ms`);
      },
    );
  },
);

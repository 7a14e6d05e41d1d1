import { beforeAll, expect, it } from 'vitest';
import { inTransaction, systemContext, type RequestContext } from '../../platform/context.js';
import { useHarness } from '../../test-support/harness.js';
import { must, storeInput, uniqueName } from '../../test-support/matrix-fixtures.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { appendJournal, GENESIS_HASH, verifyJournal } from './journal.repository.js';

describeEachDb('journal: hash chain, gap-free sequence, tamper detection', (target) => {
  const h = useHarness(target);
  let owner: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    owner = await h.login();
    ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
  });

  async function newStore(): Promise<string> {
    const res = await h.req({ method: 'POST', url: '/api/v1/stores', token: owner, body: storeInput(uniqueName('Journal')) });
    must(res, 201, 'POST /stores');
    return res.json().id as string;
  }

  async function append(storeId: string, n: number) {
    for (let i = 0; i < n; i++) {
      await inTransaction(ctx, (tx) =>
        appendJournal(tx, { storeId, registerId: null, type: 'sale', documentId: `doc-${i}`, payload: { total: 100 * i, lines: [{ qty: 1000, sku: `S${i}` }] } }),
      );
    }
  }

  it('chains entries from the genesis hash and verifies them over the API', async () => {
    const storeId = await newStore();
    await append(storeId, 5);
    const rows = await h.database.db.selectFrom('journal_entries').selectAll().where('store_id', '=', storeId).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows[2]!.payload).toBe('{"lines":[{"qty":1000,"sku":"S2"}],"total":200}');
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: true, entries: 5 });

    const verify = await h.req({ method: 'GET', url: `/api/v1/stores/${storeId}/journal/verify`, token: owner });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toEqual({ ok: true, entries: 5 });
    const page = await h.req({ method: 'GET', url: `/api/v1/stores/${storeId}/journal?fromSeq=2&limit=2`, token: owner });
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);
    expect(page.json().items[0].payload).toEqual({ lines: [{ qty: 1000, sku: 'S1' }], total: 100 });
    expect(page.json().nextFromSeq).toBe(4);
  });

  it('detects a changed payload, a changed hash and deleted rows at the right sequence number', async () => {
    const storeId = await newStore();
    await append(storeId, 6);
    const db = h.database.db;
    const row = (seq: number) => db.selectFrom('journal_entries').selectAll().where('store_id', '=', storeId).where('seq', '=', seq).executeTakeFirstOrThrow();
    const set = (seq: number, values: { payload?: string; hash?: string; prev_hash?: string }) =>
      db.updateTable('journal_entries').set(values).where('store_id', '=', storeId).where('seq', '=', seq).execute();

    const third = await row(3);
    await set(3, { payload: third.payload.replace('"total":200', '"total":1') });
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: false, entries: 2, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
    await set(3, { payload: third.payload });

    const second = await row(2);
    await set(2, { hash: 'f'.repeat(64) });
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: false, entries: 1, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
    await set(2, { hash: second.hash });

    await set(5, { prev_hash: GENESIS_HASH });
    expect(await verifyJournal(ctx, storeId)).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: 'prev_hash_mismatch' } });
    await set(5, { prev_hash: (await row(4)).hash });
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: true, entries: 6 });

    // The last entry deleted: the head row still knows there were 6.
    const sixth = await row(6);
    await db.deleteFrom('journal_entries').where('store_id', '=', storeId).where('seq', '=', 6).execute();
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: false, entries: 5, firstBroken: { seq: 6, reason: 'gap' } });
    await db.insertInto('journal_entries').values(sixth).execute();

    await db.deleteFrom('journal_entries').where('store_id', '=', storeId).where('seq', '=', 4).execute();
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: false, entries: 3, firstBroken: { seq: 4, reason: 'gap' } });
    const res = await h.req({ method: 'GET', url: `/api/v1/stores/${storeId}/journal/verify`, token: owner });
    expect(res.json()).toEqual({ ok: false, entries: 3, firstBroken: { seq: 4, reason: 'gap' } });
  });

  it('stays gap-free and chained under concurrent appends, and a rollback leaves no hole', async () => {
    const storeId = await newStore();
    await expect(
      inTransaction(ctx, async (tx) => {
        await appendJournal(tx, { storeId, registerId: null, type: 'training', payload: {} });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const N = 60;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        inTransaction(ctx, (tx) => appendJournal(tx, { storeId, registerId: null, type: 'sale', documentId: `p-${i}`, payload: { i } })),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(await verifyJournal(ctx, storeId)).toEqual({ ok: true, entries: N });
  });

  it('journals a no-sale drawer opening', async () => {
    const before = await h.count('journal_entries');
    const res = await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[0]}/no-sale`, token: owner, body: { reason: 'change for the till' } });
    expect(res.statusCode).toBe(200);
    expect(await h.count('journal_entries')).toBe(before + 1);
    const entry = await h.database.db.selectFrom('journal_entries').selectAll().where('store_id', '=', h.demo.storeId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ type: 'no_sale', register_id: h.demo.registerIds[0], shift_id: null });
    expect(JSON.parse(entry.payload)).toMatchObject({ reason: 'change for the till' });
    expect(await verifyJournal(ctx, h.demo.storeId)).toMatchObject({ ok: true });
  });

  it('refuses the journal to roles without audit.view / reports.view and unknown stores', async () => {
    const res = await h.req({ method: 'GET', url: `/api/v1/stores/${crypto.randomUUID()}/journal/verify`, token: owner });
    expect(res.statusCode).toBe(404);
  });
});

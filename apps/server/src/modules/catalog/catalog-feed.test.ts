import { hasValidCheckDigit } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { storeInput, uniqueName } from '../../test-support/matrix-fixtures.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { freshEan, productBySku, uniqueSku } from './catalog-test-kit.js';

type Entity = { id: string };
interface Snapshot {
  cursor: number;
  products: Entity[];
  nextAfter: string | null;
  hasMore: boolean;
  taxClasses: Entity[] | null;
  categories: Entity[] | null;
  modifierGroups: Entity[] | null;
  promotions: Entity[] | null;
}
interface Change {
  seq: number;
  type: 'product' | 'category' | 'tax_class' | 'modifier_group' | 'promotion';
  op: 'upsert' | 'delete';
  id: string;
  data: Entity | null;
}
type State = Record<Change['type'], Record<string, unknown>>;

describeEachDb('catalog: change feed and snapshot for offline registers', (target) => {
  const h = useHarness(target);
  let owner = '';
  const api = '/api/v1/catalog';

  beforeAll(async () => {
    owner = await h.login();
  });

  async function fullSnapshot(storeId: string, limit = 25): Promise<{ cursor: number; state: State; pages: number }> {
    const state: State = { product: {}, category: {}, tax_class: {}, modifier_group: {}, promotion: {} };
    let after: string | null = null;
    let cursor = -1;
    let pages = 0;
    do {
      const res = await h.req({ method: 'GET', url: `${api}/snapshot?storeId=${storeId}&limit=${limit}${after ? `&after=${after}` : ''}`, token: owner });
      expect(res.statusCode).toBe(200);
      const page = res.json() as Snapshot;
      if (pages === 0) {
        cursor = page.cursor;
        for (const [type, list] of [['category', page.categories], ['tax_class', page.taxClasses], ['modifier_group', page.modifierGroups], ['promotion', page.promotions]] as const) {
          for (const e of list!) state[type][e.id] = e;
        }
      } else {
        expect(page.categories).toBeNull();
      }
      expect(page.products.length).toBeLessThanOrEqual(limit);
      for (const p of page.products) state.product[p.id] = p;
      after = page.nextAfter;
      pages += 1;
    } while (after);
    return { cursor, state, pages };
  }

  async function feed(storeId: string, since: number, limit: number): Promise<{ changes: Change[]; cursor: number }> {
    const all: Change[] = [];
    let cursor = since;
    for (;;) {
      const res = await h.req({ method: 'GET', url: `${api}/changes?storeId=${storeId}&since=${cursor}&limit=${limit}`, token: owner });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { changes: Change[]; nextCursor: number; hasMore: boolean };
      expect(page.changes.length).toBeLessThanOrEqual(limit);
      all.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return { changes: all, cursor };
    }
  }

  function replay(state: State, changes: Change[]): State {
    for (const c of changes) {
      if (c.op === 'upsert') state[c.type][c.id] = c.data;
      else delete state[c.type][c.id];
    }
    return state;
  }

  const sorted = (s: State) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))]));

  it('pages the snapshot by product id and replays the feed to the same state', async () => {
    const store = h.demo.storeId;
    const base = await fullSnapshot(store);
    expect(base.pages).toBeGreaterThan(2);
    expect(base.cursor).toBeGreaterThan(0);

    // A second store: its prices and promotions must not reach store A's registers.
    const other = (await h.req({ method: 'POST', url: '/api/v1/stores', token: owner, body: storeInput(uniqueName('Filiale')) })).json().id as string;
    const croissant = await productBySku(h, owner, 'SG-CROISSANT');
    const bread = await productBySku(h, owner, 'BROT-ROGGEN');
    const created = (await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: { sku: uniqueSku('NEW'), name: 'Neues Brot', taxClass: 'reduced', barcodes: [{ code: freshEan() }], prices: [{ storeId: store, price: 333 }] } })).json();
    const put = (productId: string, storeId: string, price: number) => h.req({ method: 'PUT', url: `${api}/products/${productId}/prices`, token: owner, body: { storeId, price } });
    expect((await put(croissant.id, store, 199)).statusCode).toBe(200);
    expect((await put(croissant.id, other, 250)).statusCode).toBe(200);
    expect((await h.req({ method: 'DELETE', url: `${api}/products/${bread.id}`, token: owner })).statusCode).toBe(200);
    await h.req({ method: 'POST', url: `${api}/categories`, token: owner, body: { name: 'Saisonal' } });
    await h.req({ method: 'PUT', url: `${api}/tax-classes`, token: owner, body: { country: 'DE', code: 'zero', name: 'Steuerfrei', rateBp: 0 } });
    await h.req({ method: 'PUT', url: `${api}/tax-classes`, token: owner, body: { country: 'AT', code: 'reduced', name: 'Ermäßigt', rateBp: 1000 } });
    const promo = (await h.req({ method: 'POST', url: `${api}/promotions`, token: owner, body: { storeId: store, name: 'Brot −10 %', target: { productIds: [created.id] }, effect: { type: 'percent_off', percentBp: 1000 } } })).json();
    await h.req({ method: 'POST', url: `${api}/promotions`, token: owner, body: { storeId: other, name: 'Nur B', effect: { type: 'cart_percent_off', percentBp: 500 } } });
    expect((await h.req({ method: 'DELETE', url: `${api}/promotions/${promo.id}`, token: owner })).statusCode).toBe(200);

    const { changes, cursor } = await feed(store, base.cursor, 2);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const of = (id: string) => changes.filter((c) => c.id === id);
    expect(of(created.id)).toMatchObject([{ type: 'product', op: 'upsert', data: { name: 'Neues Brot' } }]);
    // Price change: only this store's price (one entry, no store B price beside it), no purchase price.
    const croissantData = of(croissant.id).map((c) => (c.data as unknown as { prices: { variantId: string | null; price: number }[] }).prices);
    expect(croissantData).toEqual([[{ variantId: null, price: 199 }]]);
    expect(of(croissant.id)[0]!.data).not.toHaveProperty('costPrice');
    expect(of(bread.id)).toMatchObject([{ type: 'product', op: 'delete', data: null }]);
    expect(of(promo.id).every((c) => c.op === 'delete')).toBe(true);
    expect(changes.some((c) => c.type === 'promotion' && (c.data as { name?: string } | null)?.name === 'Nur B')).toBe(false);
    expect(changes.some((c) => c.id === 'AT:reduced')).toBe(false);
    expect(of('DE:zero')).toMatchObject([{ type: 'tax_class', data: { name: 'Steuerfrei', rateBp: 0 } }]);

    // Stable cursor: the same question gives the same answer, in any page size.
    expect((await feed(store, base.cursor, 1000)).changes.map((c) => c.seq)).toEqual(seqs);
    expect((await feed(store, cursor, 10)).changes).toEqual([]);
    // Store B sees its own price change.
    const b = await feed(other, base.cursor, 100);
    expect(b.changes.some((c) => c.id === croissant.id && (c.data as unknown as { prices: { price: number }[] }).prices[0]?.price === 250)).toBe(true);

    const replayed = replay(base.state, changes);
    const fresh = await fullSnapshot(store, 40);
    expect(fresh.cursor).toBe(cursor + (await feed(other, cursor, 100)).changes.length);
    expect(sorted(replayed)).toEqual(sorted(fresh.state));
  });

  it('never gives registers purchase prices: no costPrice in the snapshot or the feed', async () => {
    const device = await h.pair();
    const chris = (await h.pinLogin(device, '1234')).json().token as string;
    const backOffice = await h.req({ method: 'GET', url: `${api}/products?storeId=${h.demo.storeId}&limit=5`, token: owner });
    expect(backOffice.json().items.some((p: { costPrice: number | null }) => p.costPrice !== null)).toBe(true);
    const snap = await h.req({ method: 'GET', url: `${api}/snapshot?storeId=${h.demo.storeId}&limit=50`, token: chris, device });
    const feed = await h.req({ method: 'GET', url: `${api}/changes?storeId=${h.demo.storeId}&since=0&limit=500`, token: chris, device });
    expect(snap.statusCode).toBe(200);
    expect(feed.statusCode).toBe(200);
    expect(snap.json().products.length).toBeGreaterThan(0);
    expect(feed.json().changes.some((c: Change) => c.type === 'product' && c.data)).toBe(true);
    expect(snap.body).not.toContain('costPrice');
    expect(feed.body).not.toContain('costPrice');
  });

  it('keeps sequence numbers gap-free per organisation and refuses a bad storeId', async () => {
    const rows = await h.database.db.selectFrom('catalog_changes').select('seq').orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const bad = await h.req({ method: 'GET', url: `${api}/changes?since=0`, token: owner });
    expect(bad.json().error).toMatchObject({ code: 'store_required', details: { field: 'querystring.storeId' } });
    const neg = await h.req({ method: 'GET', url: `${api}/changes?storeId=${h.demo.storeId}&since=-1`, token: owner });
    expect(neg.statusCode).toBe(400);
    const big = await h.req({ method: 'GET', url: `${api}/snapshot?storeId=${h.demo.storeId}&limit=5001`, token: owner });
    expect(big.statusCode).toBe(400);
  });

  it('seeds a demo catalog of about 80 products with valid EAN-13 codes', async () => {
    const { state } = await fullSnapshot(h.demo.storeId, 5000);
    const products = Object.values(state.product) as { sku: string; name: string; soldByWeight: boolean; depositProductId: string | null; variants: unknown[]; barcodes: { code: string; kind: string }[]; prices: unknown[] }[];
    const demo = products.filter((p) => !/^(NEW|T|P|GOUDA)-/.test(p.sku));
    expect(demo.length).toBeGreaterThanOrEqual(75);
    expect(demo.length).toBeLessThanOrEqual(90);
    const codes = demo.flatMap((p) => p.barcodes);
    const ean13 = codes.filter((c) => c.kind === 'ean13' || c.kind.startsWith('variable_'));
    expect(ean13.length).toBeGreaterThan(40);
    expect(ean13.filter((c) => !/^\d{13}$/.test(c.code) || !hasValidCheckDigit(c.code))).toEqual([]);
    expect(demo.every((p) => p.prices.length === 1)).toBe(true);
    expect(demo.filter((p) => p.soldByWeight).length).toBeGreaterThanOrEqual(2);
    expect(demo.filter((p) => p.depositProductId).length).toBeGreaterThanOrEqual(10);
    expect(demo.find((p) => p.variants.length === 8)?.name).toMatch(/T-Shirt/);
    expect(codes.some((c) => c.kind === 'variable_price')).toBe(true);
    expect(codes.some((c) => c.kind === 'plu')).toBe(true);
    const promos = (state.promotion ? Object.values(state.promotion) : []) as { name: string }[];
    expect(promos.map((p) => p.name)).toEqual(expect.arrayContaining([expect.stringMatching(/Happy Hour/), expect.stringMatching(/3 für 5/)]));
  });
});

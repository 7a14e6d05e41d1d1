import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { inTransaction, systemContext, type RequestContext } from '../context.js';
import { createDatabase, type Database } from '../db/database.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { domainEvent, InProcessEventBus, publishAfterCommit, type DomainEvent } from './event-bus.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('InProcessEventBus and publishAfterCommit', () => {
  let database: Database;
  let dir: string;
  let ctx: RequestContext;
  const bus = new InProcessEventBus(() => undefined);
  const seen: DomainEvent[] = [];
  bus.subscribe('stock.changed', (e) => void seen.push(e));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-events-'));
    database = createDatabase({ dataDir: dir });
    ctx = { ...systemContext(database.db, new ManualClock(new Date('2026-11-27T09:00:00.000Z'))), events: bus };
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers to subscribers of the type and to "*", and unsubscribes', async () => {
    const all: string[] = [];
    const off = bus.subscribe('*', (e) => void all.push(e.type));
    bus.publish(domainEvent(ctx, 'shift.opened', 's1', {}));
    await flush();
    off();
    bus.publish(domainEvent(ctx, 'shift.opened', 's1', {}));
    await flush();
    expect(all).toEqual(['shift.opened']);
  });

  it('publishes only after the outermost transaction commits, and never after a rollback', async () => {
    seen.length = 0;
    await inTransaction(ctx, async (tx) => {
      publishAfterCommit(tx, domainEvent(tx, 'stock.changed', 's1', { n: 1 }));
      await inTransaction(tx, async (inner) => {
        publishAfterCommit(inner, domainEvent(inner, 'stock.changed', 's1', { n: 2 }));
      });
      await flush();
      expect(seen).toEqual([]);
    });
    await flush();
    expect(seen.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);

    seen.length = 0;
    await expect(
      inTransaction(ctx, async (tx) => {
        publishAfterCommit(tx, domainEvent(tx, 'stock.changed', 's1', { n: 3 }));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await flush();
    expect(seen).toEqual([]);
  });

  it('logs a failing handler without failing the publisher or the other handlers', async () => {
    const onError = vi.fn();
    const local = new InProcessEventBus(onError);
    const ok = vi.fn();
    local.subscribe('cash.moved', () => {
      throw new Error('handler broke');
    });
    local.subscribe('cash.moved', async () => {
      throw new Error('async handler broke');
    });
    local.subscribe('cash.moved', ok);
    const result = await inTransaction({ ...ctx, events: local }, async (tx) => {
      publishAfterCommit(tx, domainEvent(tx, 'cash.moved', 's1', {}));
      return 'committed';
    });
    await flush();
    expect(result).toBe('committed');
    expect(ok).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('refuses to defer inside a transaction that inTransaction did not open', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => publishAfterCommit({ ...ctx, db: trx }, domainEvent(ctx, 'stock.changed', 's', {}))),
    ).rejects.toThrow(/inTransaction/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from './cli-main.js';
import { appendJournal } from './modules/journal/index.js';
import { systemClock } from './platform/clock.js';
import { inTransaction, systemContext } from './platform/context.js';
import { createDatabase } from './platform/db/database.js';

const dir = mkdtempSync(path.join(tmpdir(), 'opentill-cli-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('opentill journal verify exits 0 on an intact chain and 1 naming the first broken entry', async () => {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  try {
    expect(await main(['seed', '--demo', '--data-dir', dir])).toBe(0);
    const database = createDatabase({ dataDir: dir });
    const store = await database.db.selectFrom('stores').select(['id', 'org_id']).executeTakeFirstOrThrow();
    const ctx = systemContext(database.db, systemClock, store.org_id);
    for (let i = 1; i <= 3; i++) {
      await inTransaction(ctx, (tx) => appendJournal(tx, { storeId: store.id, registerId: null, type: 'cash_in', payload: { amount: i * 100 } }));
    }
    out.length = 0;
    expect(await main(['journal', 'verify', '--data-dir', dir])).toBe(0);
    expect(out.join('\n')).toMatch(/OK .*3 entries, hash chain intact/);

    await database.db.updateTable('journal_entries').set({ payload: '{"amount":99999}' }).where('seq', '=', 2).execute();
    await database.destroy();
    out.length = 0;
    expect(await main(['journal', 'verify', '--store', store.id, '--data-dir', dir])).toBe(1);
    expect(out.join('\n')).toMatch(/BROKEN .*entry 2: hash_mismatch \(1 entries intact before it\)/);
    await expect(main(['journal', 'check', '--data-dir', dir])).rejects.toThrow(/unknown journal command/);
  } finally {
    log.mockRestore();
  }
});

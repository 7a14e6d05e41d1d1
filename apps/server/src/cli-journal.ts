import type { Config } from './config.js';
import { verifyJournal } from './modules/journal/index.js';
import { systemClock } from './platform/clock.js';
import { systemContext } from './platform/context.js';
import { createDatabase } from './platform/db/database.js';
import { pendingMigrations } from './platform/db/migrate.js';

/**
 * `opentill journal verify [--store ID]`: re-computes each store's journal hash chain. Exit 0 when
 * every chain is intact, 1 naming the first broken entry (store, sequence number, reason).
 */
export async function runJournalCommand(config: Config, sub: 'verify', values: { store?: string | undefined }): Promise<number> {
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const pending = await pendingMigrations(database);
    if (pending.length) throw new Error(`Database needs migrations (${pending.join(', ')}); run "opentill migrate"`);
    const stores = await database.db
      .selectFrom('stores')
      .select(['id', 'name', 'org_id'])
      .$if(Boolean(values.store), (q) => q.where('id', '=', values.store!))
      .orderBy('name')
      .execute();
    if (values.store && stores.length === 0) throw new Error(`No store with id ${values.store}`);
    let broken = 0;
    for (const store of stores) {
      const result = await verifyJournal(systemContext(database.db, systemClock, store.org_id), store.id);
      if (result.ok) {
        console.log(`OK      ${store.id} (${store.name}): ${result.entries} entries, hash chain intact`);
      } else {
        broken += 1;
        const { seq, reason } = result.firstBroken;
        console.log(`BROKEN  ${store.id} (${store.name}): entry ${seq}: ${reason} (${result.entries} entries intact before it)`);
      }
    }
    return sub === 'verify' && broken === 0 ? 0 : 1;
  } finally {
    await database.destroy();
  }
}

import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';
import type { CatalogChangesTable } from '../../platform/db/schema.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type ChangeType = CatalogChangesTable['entity_type'];

/**
 * Appends one entry to the organisation's catalog change log. Must run inside the transaction of
 * the change itself: the per-org counter row is incremented with `UPDATE … RETURNING`, which locks
 * it until commit, so sequence numbers are gap-free and become visible in order on both databases.
 */
export async function appendChange(
  tx: RequestContext,
  change: { type: ChangeType; id: string; op: 'upsert' | 'delete'; storeId?: string | null },
): Promise<number> {
  const orgId = tx.actor!.orgId;
  await tx.db
    .insertInto('catalog_seq')
    .values({ org_id: orgId, value: 0 })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  const { value } = await tx.db
    .updateTable('catalog_seq')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('org_id', '=', orgId)
    .returning('value')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('catalog_changes')
    .values({
      org_id: orgId,
      seq: value,
      entity_type: change.type,
      entity_id: change.id,
      op: change.op,
      store_id: change.storeId ?? null,
      at: iso(tx.clock.now()),
    })
    .execute();
  // Registers are told over SSE that something changed; they then pull the change feed.
  const storeId = change.storeId ?? '';
  publishAfterCommit(tx, domainEvent(tx, 'catalog.changed', storeId, { orgId, seq: Number(value), storeId: change.storeId ?? null }));
  return value;
}

const seqOfOrg = preparedQuery(
  (db, orgId: string) => db.selectFrom('catalog_seq').select('value').where('org_id', '=', orgId),
  (orgId) => [orgId],
);

/** The latest sequence number of the organisation (0 before the first change). */
export async function currentSeq(ctx: RequestContext): Promise<number> {
  const row = (await seqOfOrg(ctx.db, ctx.actor!.orgId))[0];
  return row ? Number(row.value) : 0;
}

export async function listChanges(ctx: RequestContext, opts: { storeId: string; since: number; limit: number }) {
  return ctx.db
    .selectFrom('catalog_changes')
    .selectAll()
    .where('org_id', '=', ctx.actor!.orgId)
    .where('seq', '>', opts.since)
    .where((eb) => eb.or([eb('store_id', 'is', null), eb('store_id', '=', opts.storeId)]))
    .orderBy('seq')
    .limit(opts.limit)
    .execute();
}

import type { RequestContext } from '../../platform/context.js';

/**
 * What a register needs to know on (re)connect: the highest register sequence number the server has
 * seen for it, so a new or reset device continues the register's numbering instead of reusing numbers.
 */
export async function highestRegisterSeq(ctx: RequestContext, registerId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('sales')
    .select((eb) => eb.fn.max('claimed_register_seq').as('highest'))
    .where('register_id', '=', registerId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0);
}

export async function currentCatalogSeq(ctx: RequestContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('catalog_seq')
    .select('value')
    .where('org_id', '=', ctx.actor!.orgId)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

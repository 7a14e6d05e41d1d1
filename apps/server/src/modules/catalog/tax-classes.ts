import { COUNTRY_TAX_RATES, uuidv7 } from '@opentill/core';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { TaxClassesTable } from '../../platform/db/schema.js';
import { AppError, invalid } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { taxClassBody } from './catalog.schema.js';
import { appendChange } from './change-log.js';

/**
 * Tax classes: a product names a class code ('standard', 'reduced', 'zero', …); the rate comes from
 * the selling store's country. Built-in rates (`COUNTRY_TAX_RATES` of the core) apply unless the
 * organisation stored its own class for that country and code.
 */
type TaxClassRow = Selectable<TaxClassesTable>;

export interface TaxClassView {
  id: string;
  country: string;
  code: string;
  name: string;
  rateBp: number;
  builtin: boolean;
}

const BUILTIN_NAMES: Record<string, string> = {
  standard: 'Standard rate',
  reduced: 'Reduced rate',
  intermediate: 'Intermediate rate',
  super_reduced: 'Super-reduced rate',
  accommodation: 'Accommodation',
  zero: 'Zero rate',
};

/** The core's built-in rate of a class in a country, if it has one. */
export function builtinRate(country: string, code: string): number | undefined {
  return (COUNTRY_TAX_RATES[country] as Record<string, number> | undefined)?.[code];
}

/** Feed/snapshot id of a class: stable across the built-in and the stored form. */
export const taxClassKey = (country: string, code: string) => `${country}:${code}`;

function present(row: TaxClassRow): TaxClassView {
  return { id: taxClassKey(row.country, row.code), country: row.country, code: row.code, name: row.name, rateBp: row.rate_bp, builtin: false };
}

export async function storeCountries(ctx: RequestContext): Promise<string[]> {
  const rows = await ctx.db.selectFrom('stores').select('country').distinct().where('org_id', '=', ctx.actor!.orgId).execute();
  return rows.map((r) => r.country);
}

/** Effective classes of the given countries: stored ones override the built-in rates. */
export async function effectiveTaxClasses(ctx: RequestContext, countries: readonly string[]): Promise<TaxClassView[]> {
  if (countries.length === 0) return [];
  const stored = await ctx.db
    .selectFrom('tax_classes')
    .selectAll()
    .where('org_id', '=', ctx.actor!.orgId)
    .where('country', 'in', [...countries])
    .execute();
  const out = new Map<string, TaxClassView>();
  for (const country of countries) {
    for (const [code, rate] of Object.entries(COUNTRY_TAX_RATES[country] ?? {})) {
      out.set(taxClassKey(country, code), { id: taxClassKey(country, code), country, code, name: BUILTIN_NAMES[code] ?? code, rateBp: rate, builtin: true });
    }
  }
  for (const row of stored) out.set(taxClassKey(row.country, row.code), present(row));
  return [...out.values()].sort((a, b) => a.country.localeCompare(b.country) || b.rateBp - a.rateBp || a.code.localeCompare(b.code));
}

export async function effectiveTaxClass(ctx: RequestContext, country: string, code: string): Promise<TaxClassView | undefined> {
  return (await effectiveTaxClasses(ctx, [country])).find((c) => c.code === code);
}

/** Refuses a class code no store of the organisation can resolve (`unknown_tax_class`, 400). */
export async function assertTaxClassKnown(ctx: RequestContext, code: string, field: string): Promise<void> {
  const classes = await effectiveTaxClasses(ctx, await storeCountries(ctx));
  if (!classes.some((c) => c.code === code)) {
    throw invalid('unknown_tax_class', `Unknown tax class ${JSON.stringify(code)}`, { field, known: [...new Set(classes.map((c) => c.code))] });
  }
}

export function unknownTaxClassForStore(code: string, country: string, field: string): AppError {
  return invalid('unknown_tax_class', `Tax class ${JSON.stringify(code)} has no rate in ${country}`, { field });
}

/** Sets the name and rate of a class in a country (stored over the built-in rate if there is one). */
export async function upsertTaxClass(ctx: RequestContext, input: z.infer<typeof taxClassBody>): Promise<TaxClassView> {
  return inTransaction(ctx, async (tx) => {
    const orgId = tx.actor!.orgId;
    const before = await effectiveTaxClass(tx, input.country, input.code);
    const now = iso(tx.clock.now());
    if (before && !before.builtin) {
      await tx.db
        .updateTable('tax_classes')
        .set({ name: input.name, rate_bp: input.rateBp, updated_at: now })
        .where('org_id', '=', orgId)
        .where('country', '=', input.country)
        .where('code', '=', input.code)
        .execute();
    } else {
      const row: TaxClassRow = { id: uuidv7(), org_id: orgId, country: input.country, code: input.code, name: input.name, rate_bp: input.rateBp, created_at: now, updated_at: now };
      await tx.db.insertInto('tax_classes').values(row).execute();
    }
    const after = (await effectiveTaxClass(tx, input.country, input.code))!;
    await appendChange(tx, { type: 'tax_class', id: after.id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.tax_class.upsert', entityType: 'tax_class', entityId: after.id, before: before ?? null, after });
    return after;
  });
}

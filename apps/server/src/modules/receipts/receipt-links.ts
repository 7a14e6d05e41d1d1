import { randomBytes } from 'node:crypto';
import { iso } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { Config } from '../../config.js';
import { findLink, insertLink, liveLinkOfSale, revokeLink, type ReceiptLinkRow } from './receipts.repository.js';

/**
 * Digital receipt links: `<publicUrl>/r/<token>`. The token is 160 random bits (base64url), the only
 * key to one receipt: the public routes resolve it to exactly that sale and render it, nothing else.
 */

let publicBase = 'http://localhost:3000';

/** The base URL receipts link to: OPENTILL_PUBLIC_URL, else derived from HOST/PORT. */
export function receiptBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port' | 'tls'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** Set once at start (registerReceiptRoutes) so builders called by workers produce the same links. */
export function setReceiptBaseUrl(url: string): void {
  publicBase = url.replace(/\/+$/, '');
}

export const receiptUrl = (token: string) => `${publicBase}/r/${token}`;

export const newToken = () => randomBytes(20).toString('base64url');

/** Tokens are 27 base64url characters; anything else is unknown without a database lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{27}$/;

/** The sale's live link, created when it has none (idempotent, race-safe via the unique index). */
export async function ensureReceiptLink(ctx: RequestContext, sale: { id: string; org_id: string; store_id: string }): Promise<{ link: ReceiptLinkRow; created: boolean }> {
  const existing = await liveLinkOfSale(ctx, sale.id);
  if (existing) return { link: existing, created: false };
  const row: ReceiptLinkRow = {
    token: newToken(),
    org_id: sale.org_id,
    store_id: sale.store_id,
    sale_id: sale.id,
    created_at: iso(ctx.clock.now()),
    created_by: ctx.actor?.userId ?? null,
    revoked_at: null,
  };
  if (await insertLink(ctx, row)) return { link: row, created: true };
  return { link: (await liveLinkOfSale(ctx, sale.id))!, created: false };
}

/** A live link by token; undefined for unknown, malformed or revoked tokens alike. */
export async function liveLink(ctx: RequestContext, token: string): Promise<ReceiptLinkRow | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const link = await findLink(ctx, token);
  return link && link.revoked_at === null ? link : undefined;
}

export async function revokeReceiptLink(ctx: RequestContext, token: string): Promise<boolean> {
  return revokeLink(ctx, token, iso(ctx.clock.now()));
}

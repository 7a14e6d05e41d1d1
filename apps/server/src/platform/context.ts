import type { Kysely } from 'kysely';
import type { Permission } from '../modules/access/permissions.js';
import type { Clock } from './clock.js';
import type { DB } from './db/schema.js';
import { groupCommitOf } from './db/group-commit.js';
import type { EventBus } from './events/event-bus.js';

/** Who is acting: a staff member (via a session) or an integration (via an API key). */
export interface Actor {
  kind: 'user' | 'api_key';
  id: string;
  orgId: string;
  name: string;
  userId: string | null;
  apiKeyId: string | null;
  roleKey: string | null;
  permissions: ReadonlySet<Permission>;
  allStores: boolean;
  storeIds: readonly string[];
}

export interface SessionInfo {
  id: string;
  kind: 'backoffice' | 'register';
  storeId: string | null;
  registerId: string | null;
  deviceId: string | null;
}

/**
 * Passed first to every service call. Repositories scope by it (org, stores); `db` is the current
 * transaction when inside one, so a service never forgets either.
 */
export interface RequestContext {
  db: Kysely<DB>;
  clock: Clock;
  requestId: string;
  ip: string;
  actor: Actor | null;
  session: SessionInfo | null;
  /** Set when a manager approved this request by PIN (manager override). */
  approver: { userId: string; name: string } | null;
  /** A paired device that authenticated this request (register sessions and device endpoints). */
  deviceId: string | null;
  registerId: string | null;
  /** Domain events go here (set per request by the app; absent in CLI/system contexts). */
  events?: EventBus;
  /**
   * Callbacks queued inside a transaction (see `publishAfterCommit`), run by `inTransaction` only
   * after the outermost transaction committed; dropped when it rolls back.
   */
  afterCommit?: (() => void)[];
}

export async function inTransaction<T>(ctx: RequestContext, fn: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  const afterCommit: (() => void)[] = [];
  const work = (trx: Kysely<DB>) => fn({ ...ctx, db: trx, afterCommit });
  const group = groupCommitOf(ctx.db);
  const result = group ? await group.run(work) : await ctx.db.transaction().execute(work);
  for (const run of afterCommit) {
    try {
      run();
    } catch (err) {
      // Committed is committed: a failing after-commit step is logged, never turned into a failed request.
      console.error('after-commit callback failed:', err);
    }
  }
  return result;
}

export function canSeeStore(actor: Actor, storeId: string): boolean {
  return actor.allStores || actor.storeIds.includes(storeId);
}

/** System context for CLI commands and seeding: acts as the installation itself. */
export function systemContext(db: Kysely<DB>, clock: Clock, orgId = ''): RequestContext {
  return {
    db,
    clock,
    requestId: 'system',
    ip: 'local',
    actor: {
      kind: 'user',
      id: 'system',
      orgId,
      name: 'system',
      userId: null,
      apiKeyId: null,
      roleKey: 'owner',
      permissions: new Set(),
      allStores: true,
      storeIds: [],
    },
    session: null,
    approver: null,
    deviceId: null,
    registerId: null,
  };
}

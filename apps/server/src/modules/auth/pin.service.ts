import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { locked, unauthenticated } from '../../platform/errors.js';
import { pinLookup } from '../../platform/security/secrets.js';
import { recordAudit } from '../audit/audit.repository.js';

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;

export interface PinMatch {
  userId: string;
  name: string;
}

interface RegisterRef {
  id: string;
  store_id: string;
}

/**
 * Checks a staff PIN entered on a register. Wrong PINs are counted per register; the fifth locks PIN
 * entry on that register for five minutes (also for the right PIN). Every attempt is audited.
 * The counter update is a single atomic UPDATE so parallel attempts can't slip past the limit.
 */
export async function checkPinOnRegister(
  ctx: RequestContext,
  input: { orgId: string; register: RegisterRef; pin: string; pepper: string; purpose: 'login' | 'override' },
): Promise<PinMatch> {
  const { register, purpose } = input;
  const now = ctx.clock.now();
  const action = purpose === 'login' ? 'auth.pin_login' : 'auth.manager_override';
  const state = await ctx.db
    .selectFrom('registers')
    .select(['pin_locked_until'])
    .where('id', '=', register.id)
    .executeTakeFirstOrThrow();
  if (state.pin_locked_until && state.pin_locked_until > iso(now)) {
    await recordAudit(ctx, {
      action,
      outcome: 'failure',
      orgId: input.orgId,
      storeId: register.store_id,
      details: { reason: 'locked', lockedUntil: state.pin_locked_until },
    });
    throw locked('pin_locked', 'PIN entry is locked on this register', { lockedUntil: state.pin_locked_until });
  }

  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'all_stores'])
    .where('pin_lookup', '=', pinLookup(input.pepper, input.orgId, input.pin))
    .where('org_id', '=', input.orgId)
    .where('active', '=', 1)
    .executeTakeFirst();
  const allowedHere =
    user &&
    (user.all_stores === 1 ||
      (await ctx.db
        .selectFrom('user_stores')
        .select('store_id')
        .where('user_id', '=', user.id)
        .where('store_id', '=', register.store_id)
        .executeTakeFirst()) !== undefined);

  if (!user || !allowedHere) {
    const updated = await ctx.db
      .updateTable('registers')
      .set((eb) => ({ pin_failures: eb('pin_failures', '+', 1) }))
      .where('id', '=', register.id)
      .returning(['pin_failures'])
      .executeTakeFirstOrThrow();
    const failures = updated.pin_failures;
    if (failures >= MAX_PIN_FAILURES) {
      const lockedUntil = iso(new Date(now.getTime() + PIN_LOCK_MS));
      await ctx.db
        .updateTable('registers')
        .set({ pin_failures: 0, pin_locked_until: lockedUntil })
        .where('id', '=', register.id)
        .execute();
      await recordAudit(ctx, {
        action,
        outcome: 'failure',
        orgId: input.orgId,
        storeId: register.store_id,
        details: { reason: 'wrong_pin', failures, lockedUntil },
      });
      throw locked('pin_locked', 'Too many wrong PINs; PIN entry is locked on this register', { lockedUntil });
    }
    await recordAudit(ctx, {
      action,
      outcome: 'failure',
      orgId: input.orgId,
      storeId: register.store_id,
      details: { reason: 'wrong_pin', failures },
    });
    throw unauthenticated('invalid_pin', 'Wrong PIN', { attemptsLeft: MAX_PIN_FAILURES - failures });
  }

  await ctx.db
    .updateTable('registers')
    .set({ pin_failures: 0, pin_locked_until: null })
    .where('id', '=', register.id)
    .execute();
  return { userId: user.id, name: user.name };
}

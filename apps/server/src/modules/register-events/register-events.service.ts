import type { RequestContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import type { RegisterRow } from '../stores/stores.repository.js';
// The sales module's idempotency table and helper: the same guarantee (one record per client id,
// a replay answered from the stored response, the same id with another body refused).
import { idempotent, type StoredResponse } from '../sales/idempotency.js';
import type { RegisterEventBody } from './register-events.schema.js';

/**
 * Writes a register's audit event (sent from its offline outbox, possibly long after it happened)
 * to the audit log, exactly once per event id.
 */
export async function recordRegisterEvent(ctx: RequestContext, register: RegisterRow, body: RegisterEventBody): Promise<StoredResponse> {
  const route = `POST /registers/${register.id}/audit-events`;
  return idempotent(ctx, { key: `register-event:${body.id}`, storeId: register.store_id, route, body }, async (tx) => {
    const at = tx.clock.now().toISOString();
    await recordAudit(
      { ...tx, registerId: register.id },
      {
        action: body.type,
        storeId: register.store_id,
        entityType: 'sale',
        entityId: body.payload.saleId,
        details: { eventId: body.id, happenedAt: body.at, ...body.payload },
      },
    );
    return { statusCode: 201, body: { id: body.id, type: body.type, registerId: register.id, recordedAt: at } };
  });
}

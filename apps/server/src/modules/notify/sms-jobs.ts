import { systemContext } from '../../platform/context.js';
import type { DeliveryJob, JobOutcome, WorkerEnv } from '../printing/index.js';
import { buildSaleReceipt } from '../receipts/index.js';
import { smsText } from './receipt-message.js';
import type { SmsProvider } from './sms-provider.js';

export function smsJobHandler(provider: SmsProvider) {
  return async (job: DeliveryJob, env: WorkerEnv): Promise<JobOutcome> => {
    if (!job.sale_id || !job.recipient) return { kind: 'failed', error: 'Job has no sale or recipient' };
    let text: string;
    try {
      text = smsText(await buildSaleReceipt(systemContext(env.db, env.clock, job.org_id), job.sale_id));
    } catch (err) {
      return {
        kind: 'failed',
        error: `Receipt could not be rendered: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    const result = await provider.send({ to: job.recipient, text, reference: job.id });
    if (result.ok) return { kind: 'sent' };
    return result.permanent
      ? { kind: 'bounced', error: result.error }
      : { kind: 'retry', error: result.error };
  };
}

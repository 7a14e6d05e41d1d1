import type { Config } from '../../config.js';
import type { JobHandler } from '../printing/index.js';
import { emailJobHandler } from './email-jobs.js';
import { WebhookSmsProvider, type SmsProvider } from './sms-provider.js';
import { smsJobHandler } from './sms-jobs.js';

export { classifySmtpError, emailJobHandler } from './email-jobs.js';
export { registerNotifyRoutes } from './notify.routes.js';
export { WebhookSmsProvider, type SmsProvider, type SmsResult } from './sms-provider.js';
export { smsJobHandler } from './sms-jobs.js';

/** The email and SMS senders the configuration asks for (none when not configured). */
export function notifyHandlers(
  config: Pick<Config, 'smtp' | 'sms'>,
  opts: { sms?: SmsProvider } = {},
): { email?: JobHandler; sms?: JobHandler } {
  const sms =
    opts.sms ??
    (config.sms ? new WebhookSmsProvider(config.sms.webhookUrl, config.sms.authorization) : undefined);
  return {
    ...(config.smtp && { email: emailJobHandler(config.smtp) }),
    ...(sms && { sms: smsJobHandler(sms) }),
  };
}

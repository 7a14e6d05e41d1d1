import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config.js';
import { systemContext } from '../../platform/context.js';
import type { DeliveryJob, JobOutcome, WorkerEnv } from '../printing/index.js';
import {
  buildSaleReceipt,
  renderReceiptHtml,
  renderReceiptPdf,
  renderReceiptText,
} from '../receipts/index.js';
import { mailSubject, pdfFileName } from './receipt-message.js';

/** What nodemailer puts on a failed send (SMTPConnection errors). */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/**
 * Permanent vs temporary, by the SMTP reply: a 5xx to RCPT TO means this address will never take
 * mail (bounced — tell the cashier); 4xx and network trouble are worth another try; any other 5xx
 * refuses this message for good.
 */
export function classifySmtpError(err: unknown): JobOutcome {
  const e = (err ?? {}) as SmtpError;
  const reply = e.response ?? e.message ?? String(err);
  const code = e.responseCode ?? 0;
  if (e.code === 'EENVELOPE' && code >= 500)
    return { kind: 'bounced', error: `Recipient refused by the mail server: ${reply}` };
  if (code >= 500 && e.code !== 'EAUTH')
    return { kind: 'failed', error: `Mail server refused the message: ${reply}` };
  return { kind: 'retry', error: `Mail not sent yet: ${reply}` };
}

export function createSmtpTransport(config: SmtpConfig) {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ...(config.auth && { auth: config.auth }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** Renders the receipt as HTML, text and a PDF attachment and hands it to the SMTP server. */
export function emailJobHandler(config: SmtpConfig, transport = createSmtpTransport(config)) {
  return async (job: DeliveryJob, env: WorkerEnv): Promise<JobOutcome> => {
    if (!job.sale_id || !job.recipient) return { kind: 'failed', error: 'Job has no sale or recipient' };
    const ctx = systemContext(env.db, env.clock, job.org_id);
    let message;
    try {
      const doc = await buildSaleReceipt(ctx, job.sale_id);
      message = {
        from: config.from,
        to: job.recipient,
        subject: mailSubject(doc),
        text: renderReceiptText(doc),
        html: renderReceiptHtml(doc),
        attachments: [
          {
            filename: pdfFileName(doc),
            content: await renderReceiptPdf(doc),
            contentType: 'application/pdf',
          },
        ],
      };
    } catch (err) {
      return {
        kind: 'failed',
        error: `Receipt could not be rendered: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    try {
      const info = await transport.sendMail(message);
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        return { kind: 'bounced', error: `Recipient refused by the mail server: ${String(info.response)}` };
      }
      return { kind: 'sent' };
    } catch (err) {
      return classifySmtpError(err);
    }
  };
}

export type SmsResult = { ok: true } | { ok: false; permanent: boolean; error: string };

/** Where an SMS goes out. One adapter per provider; the generic JSON webhook is the first. */
export interface SmsProvider {
  send(message: { to: string; text: string; reference: string }): Promise<SmsResult>;
}

/**
 * POSTs `{ to, text, reference }` as JSON to a configured URL (optionally with an Authorization
 * header). 2xx = accepted; 400/422 = the provider refused the number or text (permanent); 408, 429,
 * 5xx and network errors are retried; other statuses mean the adapter is misconfigured.
 */
export class WebhookSmsProvider implements SmsProvider {
  constructor(
    private readonly url: string,
    private readonly authorization?: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: { to: string; text: string; reference: string }): Promise<SmsResult> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.authorization && { authorization: this.authorization }),
        },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      return {
        ok: false,
        permanent: false,
        error: `SMS provider unreachable: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    if (res.ok) return { ok: true };
    const error = `SMS provider answered ${res.status}${detail ? `: ${detail}` : ''}`;
    if (res.status === 400 || res.status === 422) return { ok: false, permanent: true, error };
    if (res.status === 408 || res.status === 429 || res.status >= 500)
      return { ok: false, permanent: false, error };
    return { ok: false, permanent: false, error: `${error} (check OPENTILL_SMS_WEBHOOK_URL / _AUTH)` };
  }
}

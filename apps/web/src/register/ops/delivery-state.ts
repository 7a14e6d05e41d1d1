// Receipt delivery rules without a DOM: address check and how a server answer reads to the cashier.
import { ApiError } from '../../lib/api/api-error';

/** A plausible email address: one @, no spaces, a dot in the domain, within RFC length limits. */
export function isEmailAddress(text: string): boolean {
  const t = text.trim();
  if (t.length > 254) return false;
  const m = /^([^\s@]{1,64})@([^\s@]+\.[^\s@.]{2,})$/.exec(t);
  if (!m) return false;
  const domain = m[2]!;
  return !domain.startsWith('.') && !domain.includes('..') && !domain.startsWith('-');
}

export type DeliveryFailure = 'not_available' | 'not_configured' | 'not_synced' | 'offline' | 'other';

/**
 * Why a delivery request failed: the server does not offer it (route missing, not implemented,
 * not configured), the sale is not on the server yet, the network is down, or anything else.
 */
export function deliveryFailure(error: unknown, synced: boolean): DeliveryFailure {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'network_error') return 'offline';
  // printer_not_configured, email_not_configured, sms_not_configured: offered, but not set up here.
  if (error.code.endsWith('_not_configured')) return 'not_configured';
  if (error.code === 'route_not_found' || error.status === 501) return 'not_available';
  if (error.status === 404) return synced ? 'not_available' : 'not_synced';
  return 'other';
}

/** A delivery job is still on its way while queued or being sent. */
export function jobInFlight(status: string | undefined): boolean {
  return status === undefined || status === 'queued' || status === 'sending';
}

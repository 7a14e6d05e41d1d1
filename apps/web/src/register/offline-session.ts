import type { DeviceMe, Me } from '../lib/api/types';

/**
 * The last device and session the server confirmed, so a reload while the server is unreachable
 * still opens the sell screen (the session cookie stays valid; the server checks it again on the
 * next request). Cleared on logout, lock and re-pairing — never used to sign anybody in.
 */
const KEY = 'opentill.register.offlineSession';

interface Saved {
  deviceToken: string;
  device: DeviceMe;
  me: Me | null;
}

function read(): Saved | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

export function saveOfflineSession(deviceToken: string, device: DeviceMe, me: Me | null): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ deviceToken, device, me } satisfies Saved));
  } catch {
    // Not saved: an offline reload shows the connection error instead.
  }
}

export function offlineSession(deviceToken: string): { device: DeviceMe; me: Me | null } | null {
  const saved = read();
  return saved && saved.deviceToken === deviceToken ? { device: saved.device, me: saved.me } : null;
}

export function forgetOfflineCashier(): void {
  const saved = read();
  if (saved) saveOfflineSession(saved.deviceToken, saved.device, null);
}

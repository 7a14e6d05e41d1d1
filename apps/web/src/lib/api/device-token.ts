// The register's device token lives in localStorage so it survives reloads and restarts;
// subscribers (the /register screen) re-render when it is set or cleared.

export const DEVICE_TOKEN_KEY = 'opentill.deviceToken';
const DEVICE_REJECTED_KEY = 'opentill.deviceRejected';

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // Privacy modes may throw on access.
  }
}

export function getDeviceToken(): string | null {
  return storage()?.getItem(DEVICE_TOKEN_KEY) ?? null;
}

export function setDeviceToken(token: string): void {
  storage()?.setItem(DEVICE_TOKEN_KEY, token);
  storage()?.removeItem(DEVICE_REJECTED_KEY);
  listeners.forEach((l) => l());
}

/** Forgets the device; `reason` (an error code) lets the pairing screen explain why. */
export function clearDeviceToken(reason?: string): void {
  if (getDeviceToken() === null) return;
  storage()?.removeItem(DEVICE_TOKEN_KEY);
  if (reason) storage()?.setItem(DEVICE_REJECTED_KEY, reason);
  listeners.forEach((l) => l());
}

/** Why the device token was last dropped by the server, if it was. */
export function getDeviceRejection(): string | null {
  return storage()?.getItem(DEVICE_REJECTED_KEY) ?? null;
}

export function subscribeDeviceToken(listener: Listener): () => void {
  listeners.add(listener);
  // Another tab pairing or unpairing this browser counts too.
  const onStorage = (e: StorageEvent) => {
    if (e.key === DEVICE_TOKEN_KEY || e.key === null) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

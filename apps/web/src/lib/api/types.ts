// Response shapes from docs/api-platform.md. Kept hand-written (not generated) until the
// server publishes a contracts package; only fields the web app reads are required here.

export interface User {
  id: string;
  name: string;
  email: string | null;
  roleId: string;
  role: string;
  permissions: string[];
  allStores: boolean;
  storeIds: string[];
  active: boolean;
  hasPin: boolean;
}

export interface Address {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface Store {
  id: string;
  name: string;
  address: Address;
  taxIds: { vatId: string; taxNumber: string };
  currency: string;
  timeZone: string;
  locale: string;
}

export interface Register {
  id: string;
  storeId: string;
  name: string;
  createdAt: string;
}

export interface Device {
  id: string;
  name: string;
  storeId: string;
  registerId: string;
  registerName: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export type SessionKind = 'backoffice' | 'register' | 'api_key';

export interface Me {
  user: User;
  session: {
    kind: SessionKind;
    storeId: string | null;
    registerId: string | null;
    deviceId: string | null;
  };
  store: Store | null;
  register: Register | null;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: User;
}

export interface PinLoginResponse extends LoginResponse {
  store: Store;
  register: Register;
}

export interface PairResponse {
  deviceId: string;
  deviceToken: string;
  device: Device;
  register: Register;
  store: Store;
}

export interface DeviceMe {
  device: Device;
  register: Register;
  store: Store;
}

export interface PairingCode {
  code: string;
  expiresAt: string;
  pairUrl: string;
  qrDataUrl: string;
}

/** The contract does not pin AuditEntry down yet; the audit table reads these defensively. */
export interface AuditEntry {
  id: string;
  [key: string]: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

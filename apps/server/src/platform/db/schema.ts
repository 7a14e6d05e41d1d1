import type { Generated } from 'kysely';

/**
 * Database types. Portable rules (README "Data"): ids are app-generated UUIDv7 text; money is
 * integer minor units; timestamps are UTC ISO-8601 text with milliseconds; booleans are integers 0/1;
 * JSON is stored as text and parsed by the repository that owns it.
 */
export type Bool = 0 | 1;

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface StoresTable {
  id: string;
  org_id: string;
  name: string;
  address_line1: string;
  address_line2: string;
  postal_code: string;
  city: string;
  country: string;
  vat_id: string;
  tax_number: string;
  currency: string;
  time_zone: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface RegistersTable {
  id: string;
  store_id: string;
  name: string;
  pin_failures: number;
  pin_locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  id: string;
  org_id: string;
  builtin_key: string | null;
  name: string;
  permissions: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string | null;
  name: string;
  password_hash: string | null;
  pin_lookup: string | null;
  role_id: string;
  all_stores: Bool;
  active: Bool;
  created_at: string;
  updated_at: string;
}

export interface UserStoresTable {
  user_id: string;
  store_id: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: 'backoffice' | 'register';
  store_id: string | null;
  register_id: string | null;
  device_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface DevicesTable {
  id: string;
  store_id: string;
  register_id: string;
  name: string;
  token_hash: string;
  user_agent: string;
  paired_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface PairingCodesTable {
  code_hash: string;
  register_id: string;
  store_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  permissions: string;
  all_stores: Bool;
  store_ids: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  org_id: string;
  store_id: string | null;
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  approver_user_id: string | null;
  api_key_id: string | null;
  register_id: string | null;
  device_id: string | null;
  ip: string;
  request_id: string;
  action: string;
  outcome: 'success' | 'failure';
  entity_type: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  details: string | null;
}

export interface AppSecretsTable {
  key: string;
  value: string;
}

export interface DB {
  organizations: OrganizationsTable;
  stores: StoresTable;
  registers: RegistersTable;
  roles: RolesTable;
  users: UsersTable;
  user_stores: UserStoresTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  app_secrets: AppSecretsTable;
}

// Kept so later tables with database-generated columns have the helper at hand.
export type { Generated };

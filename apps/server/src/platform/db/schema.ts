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

// ---- Catalog (issue 3, migration 0002-catalog) ----

export interface CatalogSeqTable {
  org_id: string;
  value: number;
}

export interface CatalogChangesTable {
  org_id: string;
  seq: number;
  entity_type: 'product' | 'category' | 'tax_class' | 'modifier_group' | 'promotion';
  entity_id: string;
  op: 'upsert' | 'delete';
  store_id: string | null;
  at: string;
}

export interface TaxClassesTable {
  id: string;
  org_id: string;
  country: string;
  code: string;
  name: string;
  rate_bp: number;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  name: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  id: string;
  org_id: string;
  sku: string;
  sku_search: string;
  name: string;
  name_search: string;
  description: string;
  category_id: string | null;
  tax_class: string;
  unit: 'piece' | 'kg' | 'l' | 'm';
  sold_by_weight: Bool;
  image_url: string | null;
  status: 'active' | 'archived';
  deposit_product_id: string | null;
  cost_price: number | null;
  created_at: string;
  updated_at: string;
}

export interface VariantsTable {
  id: string;
  org_id: string;
  product_id: string;
  sku: string;
  name: string;
  options: string;
  status: 'active' | 'archived';
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface BarcodesTable {
  id: string;
  org_id: string;
  product_id: string;
  variant_id: string | null;
  code: string;
  lookup_key: string;
  kind: string;
  created_at: string;
}

export interface StorePricesTable {
  id: string;
  org_id: string;
  store_id: string;
  product_id: string;
  variant_id: string | null;
  variant_key: string;
  price: number;
  currency: string;
  updated_at: string;
}

export interface ModifierGroupsTable {
  id: string;
  org_id: string;
  name: string;
  min_select: number;
  max_select: number;
  created_at: string;
  updated_at: string;
}

export interface ModifierOptionsTable {
  id: string;
  group_id: string;
  name: string;
  price_delta: number;
  sort_order: number;
  active: Bool;
}

export interface ProductModifierGroupsTable {
  product_id: string;
  group_id: string;
  sort_order: number;
}

export interface PromotionsTable {
  id: string;
  org_id: string;
  store_id: string;
  name: string;
  definition: string;
  active: Bool;
  starts_at: string | null;
  ends_at: string | null;
  created_at: string;
  updated_at: string;
}

// Declaration merging keeps this section append-only.
export interface DB {
  catalog_seq: CatalogSeqTable;
  catalog_changes: CatalogChangesTable;
  tax_classes: TaxClassesTable;
  categories: CategoriesTable;
  products: ProductsTable;
  variants: VariantsTable;
  barcodes: BarcodesTable;
  store_prices: StorePricesTable;
  modifier_groups: ModifierGroupsTable;
  modifier_options: ModifierOptionsTable;
  product_modifier_groups: ProductModifierGroupsTable;
  promotions: PromotionsTable;
}

// ---- Sales (issue 4, migration 0004-sales) ----

export type SaleKind = 'sale' | 'refund' | 'exchange';
export type SaleStatus = 'open' | 'parked' | 'completed' | 'voided';
export type PaymentStatus = 'pending' | 'approved' | 'declined' | 'cancelled' | 'failed';

export interface StoreSeqTable {
  store_id: string;
  value: number;
}

export interface SalesTable {
  id: string;
  org_id: string;
  store_id: string;
  register_id: string;
  device_id: string | null;
  shift_id: string | null;
  cashier_id: string | null;
  customer_id: string | null;
  kind: SaleKind;
  status: SaleStatus;
  original_sale_id: string | null;
  register_seq: number | null;
  claimed_register_seq: number | null;
  receipt_no: string | null;
  store_seq: number | null;
  currency: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
  rounding: number;
  price_source: 'server' | 'register';
  price_difference: number;
  catalog_seq: number | null;
  priced_at: string | null;
  /** JSON: [{rateBp, gross, net, tax}] */
  vat: string;
  /** JSON: the pricing request of an open/parked sale (lines as entered), to re-price on resume. */
  pricing_input: string | null;
  training: Bool;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
  parked_at: string | null;
  completed_at: string | null;
  voided_at: string | null;
}

export interface SaleLinesTable {
  id: string;
  sale_id: string;
  line_no: number;
  product_id: string;
  variant_id: string | null;
  name: string;
  qty_milli: number;
  unit_price: number;
  base_amount: number;
  discount: number;
  total: number;
  net: number;
  tax: number;
  tax_rate_bp: number;
  deposit_for: string | null;
  price_override_by: string | null;
  original_line_id: string | null;
  refunded_qty_milli: number;
  /** JSON: modifiers, discount and override as entered. */
  input: string;
}

export interface SalePaymentsTable {
  id: string;
  sale_id: string;
  tender: string;
  custom_name: string | null;
  amount: number;
  tendered: number | null;
  change: number;
  tip: number;
  status: PaymentStatus;
  card_brand: string | null;
  card_last4: string | null;
  auth_code: string | null;
  terminal_ref: string | null;
  terminal_tx_id: string | null;
  voucher_code: string | null;
  created_at: string;
}

export interface CardPaymentsTable {
  id: string;
  store_id: string;
  register_id: string;
  sale_id: string | null;
  amount: number;
  tip: number;
  status: 'pending' | 'approved' | 'declined' | 'cancelled' | 'timeout' | 'failed';
  card_brand: string | null;
  card_last4: string | null;
  auth_code: string | null;
  terminal_ref: string;
  terminal_tx_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  store_id: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface DB {
  store_seq: StoreSeqTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  sale_payments: SalePaymentsTable;
  card_payments: CardPaymentsTable;
  idempotency_keys: IdempotencyKeysTable;
}

// ---- Checkout ledgers (issue 4, migration 0003-ledger) ----

export type StockMovementKind = 'sale' | 'refund' | 'exchange' | 'void' | 'adjustment' | 'receipt' | 'transfer_out' | 'transfer_in' | 'count';
export type NegativeStockPolicy = 'allow' | 'block';

/** Added by 0003: `stores.negative_stock_policy` (default 'allow'). */
export interface StoresTable {
  negative_stock_policy: Generated<NegativeStockPolicy>;
}

/** Added by 0003: `registers.z_counter`, the last Z number allocated on the register. */
export interface RegistersTable {
  z_counter: Generated<number>;
}

export interface StockMovementsTable {
  id: string;
  store_id: string;
  product_id: string;
  variant_id: string | null;
  variant_key: string;
  kind: StockMovementKind;
  qty_milli: number;
  ref_type: string;
  ref_id: string;
  ref_line_id: string;
  reason: Generated<string>;
  user_id: string | null;
  created_at: string;
}

export interface StockLevelsTable {
  store_id: string;
  product_id: string;
  variant_key: string;
  qty_milli: number;
  updated_at: string;
}

export interface JournalHeadsTable {
  store_id: string;
  seq: number;
  hash: string;
}

export interface JournalEntriesTable {
  store_id: string;
  seq: number;
  id: string;
  at: string;
  type: string;
  register_id: string | null;
  shift_id: string | null;
  document_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface ShiftsTable {
  id: string;
  store_id: string;
  register_id: string;
  open_register_id: string | null;
  status: 'open' | 'closed';
  opened_by: string | null;
  opened_by_name: string;
  opened_at: string;
  opening_float: number;
  closed_by: string | null;
  closed_by_name: string | null;
  closed_at: string | null;
  z_number: number | null;
  counted_cash: number | null;
  expected_cash: number | null;
  over_short: number | null;
  counted_denominations: string | null;
}

export interface ShiftTotalsTable {
  shift_id: string;
  key: string;
  count: number;
  amount: number;
}

export interface CashMovementsTable {
  id: string;
  shift_id: string;
  store_id: string;
  register_id: string;
  kind: 'pay_in' | 'pay_out' | 'bank_deposit' | 'tip_out';
  amount: number;
  reason: string;
  user_id: string | null;
  created_at: string;
}

export interface DB {
  stock_movements: StockMovementsTable;
  stock_levels: StockLevelsTable;
  journal_heads: JournalHeadsTable;
  journal_entries: JournalEntriesTable;
  shifts: ShiftsTable;
  shift_totals: ShiftTotalsTable;
  cash_movements: CashMovementsTable;
}

// ---- Printers and delivery queue (issue 6, migration 0006-printing) ----

export type PrinterState = 'unknown' | 'ready' | 'paper_out' | 'cover_open' | 'offline';
export type DeliveryChannel = 'print' | 'drawer' | 'email' | 'sms';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

export interface PrinterConfigsTable {
  register_id: string;
  store_id: string;
  host: string;
  port: number;
  width: number;
  codepage: string;
  auto_print: Bool;
  status: PrinterState;
  last_error: string | null;
  status_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryJobsTable {
  id: string;
  org_id: string;
  store_id: string;
  channel: DeliveryChannel;
  register_id: string | null;
  sale_id: string | null;
  recipient: string | null;
  /** JSON: { copy?: boolean, openDrawer?: boolean } */
  options: string;
  dedupe_key: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

export interface DB {
  printer_configs: PrinterConfigsTable;
  delivery_jobs: DeliveryJobsTable;
}

// ---- Receipts (issue 6, migration 0005-receipts) ----

export interface ReceiptTemplatesTable {
  store_id: string;
  header: string;
  footer: string;
  /** Base64 PNG, already validated (decodable, bounded size). */
  logo_png: string | null;
  language: 'de' | 'en';
  updated_at: string;
  updated_by: string | null;
}

export interface ReceiptLinksTable {
  token: string;
  org_id: string;
  store_id: string;
  sale_id: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface DB {
  receipt_templates: ReceiptTemplatesTable;
  receipt_links: ReceiptLinksTable;
}

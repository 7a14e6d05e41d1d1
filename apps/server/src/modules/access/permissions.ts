/**
 * The documented permission list (README "Roles and permissions"). Custom roles are any subset of
 * these. A permission never implies another; routes name exactly what they need.
 */
export const PERMISSIONS = {
  'sales.create': 'Ring up and complete sales',
  'sales.void': 'Void an open sale or a line',
  'sales.refund': 'Refund a sale with its receipt',
  'sales.refund.no_receipt': 'Refund without a receipt',
  'sales.discount': 'Give discounts within the configured limit',
  'sales.discount.override': 'Give discounts above the limit',
  'sales.price.override': 'Change an item price at the register',
  'cash.drawer.open': 'Open the cash drawer without a sale (no-sale)',
  'shifts.manage': 'Open and close shifts, cash in and out',
  'catalog.read': 'See products, prices and taxes',
  'catalog.write': 'Create and change products, prices, taxes and promotions',
  'stock.read': 'See stock levels and movements',
  'stock.write': 'Adjust, receive, transfer and count stock',
  'customers.read': 'See customers',
  'customers.write': 'Create and change customers',
  'reports.view': 'See reports',
  'stores.read': 'See store details and registers',
  'stores.manage': 'Create and change stores',
  'registers.manage': 'Create registers, pair and revoke register devices',
  'users.read': 'See staff accounts',
  'users.manage': 'Create and change staff accounts, PINs and passwords',
  'roles.manage': 'Create and change custom roles',
  'apikeys.manage': 'Create and revoke API keys',
  'audit.view': 'Read the audit log',
  'settings.manage': 'Change system settings',
  'fleet.manage': 'Manage the device fleet',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export type BuiltinRoleKey = 'owner' | 'admin' | 'manager' | 'cashier';

const MANAGER: Permission[] = [
  'sales.create',
  'sales.void',
  'sales.refund',
  'sales.refund.no_receipt',
  'sales.discount',
  'sales.discount.override',
  'sales.price.override',
  'cash.drawer.open',
  'shifts.manage',
  'catalog.read',
  'catalog.write',
  'stock.read',
  'stock.write',
  'customers.read',
  'customers.write',
  'reports.view',
  'stores.read',
  'registers.manage',
  'users.read',
  'audit.view',
];

const CASHIER: Permission[] = ['sales.create', 'sales.discount', 'catalog.read', 'customers.read', 'shifts.manage', 'stores.read'];

/** Built-in roles. Owners and admins see all stores; managers and cashiers only their assigned stores. */
export const BUILTIN_ROLES: Record<BuiltinRoleKey, { name: string; permissions: Permission[]; allStores: boolean }> = {
  owner: { name: 'Owner', permissions: ALL_PERMISSIONS, allStores: true },
  admin: { name: 'Admin', permissions: ALL_PERMISSIONS.filter((p) => p !== 'settings.manage'), allStores: true },
  manager: { name: 'Manager', permissions: MANAGER, allStores: false },
  cashier: { name: 'Cashier', permissions: CASHIER, allStores: false },
};

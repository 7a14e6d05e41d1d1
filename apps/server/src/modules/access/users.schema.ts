import { z } from 'zod';
import { plainText } from '../stores/stores.schema.js';
import { ALL_PERMISSIONS } from './permissions.js';

export const passwordSchema = z.string().min(10, 'at least 10 characters').max(256);
export const pinSchema = z.string().regex(/^\d{4,6}$/, 'PIN must be 4 to 6 digits');
const email = z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address').max(254));

export const createUserBody = z.strictObject({
  name: plainText(100).pipe(z.string().min(1, 'required')),
  email: email.optional(),
  password: passwordSchema.optional(),
  pin: pinSchema.optional(),
  roleId: z.uuid(),
  allStores: z.boolean().default(false),
  storeIds: z.array(z.uuid()).max(500).default([]),
});

export const updateUserBody = z.strictObject({
  name: plainText(100).pipe(z.string().min(1, 'required')).optional(),
  email: email.nullable().optional(),
  pin: pinSchema.nullable().optional(),
  roleId: z.uuid().optional(),
  allStores: z.boolean().optional(),
  storeIds: z.array(z.uuid()).max(500).optional(),
  active: z.boolean().optional(),
});

export const passwordBody = z.strictObject({ password: passwordSchema });

const permissionEnum = z.enum(ALL_PERMISSIONS as [string, ...string[]]);
export const roleBody = z.strictObject({
  name: plainText(60).pipe(z.string().min(1, 'required')),
  permissions: z.array(permissionEnum).max(ALL_PERMISSIONS.length),
});
export const rolePatch = roleBody.partial();

export const apiKeyBody = z.strictObject({
  name: plainText(60).pipe(z.string().min(1, 'required')),
  permissions: z.array(permissionEnum).min(1).max(ALL_PERMISSIONS.length),
  allStores: z.boolean().default(false),
  storeIds: z.array(z.uuid()).max(500).default([]),
});

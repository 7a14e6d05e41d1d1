import type { LightMyRequestResponse } from 'fastify';
import type { Harness } from './harness.js';

/**
 * Shared fixtures for the authorization matrix and the bad-input suites: a second store, one e-mail
 * login per built-in role, a store-A API key, and throwaway objects (devices, users, roles, keys) in
 * both stores that the matrix may rename, revoke or reset.
 */

export const PRINCIPALS = ['anonymous', 'owner', 'admin', 'managerA', 'cashierA', 'managerB', 'apiKeyA'] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];
export type RoleKey = 'owner' | 'admin' | 'manager' | 'cashier';

export const PASSWORD = 'matrix-password-1';

export interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  token?: string | undefined;
  device?: string | undefined;
}

export interface World {
  storeA: string;
  storeB: string;
  /** Registers the matrix renames, opens the drawer of and pairs. */
  registerA: string;
  registerB: string;
  devices: { renameA: string; revokeA: string; renameB: string; revokeB: string };
  /** A paired register in store A (its X-Device-Token), for PIN login and GET /devices/me. */
  deviceTokenA: string;
  /** Users the matrix renames and resets the password of. */
  users: { targetA: string; targetB: string } & Record<Exclude<PrincipalName, 'anonymous' | 'apiKeyA'>, string>;
  roles: Record<RoleKey, string>;
  customRoleId: string;
  revocableKeyId: string;
  emails: Record<Exclude<PrincipalName, 'anonymous' | 'apiKeyA'>, string>;
  tokens: Record<PrincipalName, string | undefined>;
  /** A new credential for the principal (a fresh session; the API key itself), e.g. to log out with. */
  freshToken(p: PrincipalName): Promise<string | undefined>;
  /** A new pairing code for register A (created by the owner). */
  freshPairingCode(): Promise<string>;
  /** A unique, valid name. */
  unique(prefix: string): string;
}

/** `201` for success, `403 store_forbidden` for an error: what a client switches on. */
export function outcome(res: LightMyRequestResponse): number | string {
  if (res.statusCode < 300) return res.statusCode;
  let code = '?';
  try {
    code = String((res.json() as { error?: { code?: unknown } }).error?.code ?? '?');
  } catch {
    code = 'non-json';
  }
  return `${res.statusCode} ${code}`;
}

export function must(res: LightMyRequestResponse, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

export function send(h: Harness, r: Req): Promise<LightMyRequestResponse> {
  return h.req({
    method: r.method,
    url: `/api/v1${r.url}`,
    ...(r.token ? { token: r.token } : {}),
    ...(r.device ? { device: r.device } : {}),
    ...(r.body !== undefined ? { body: r.body as object } : {}),
  });
}

export function storeInput(name: string) {
  return {
    name,
    address: { line1: 'Jungfernstieg 1', postalCode: '20095', city: 'Hamburg', country: 'DE' },
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    locale: 'de-DE',
  };
}

let seq = 0;
export function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix} ${Date.now().toString(36)}-${seq}`;
}

async function deviceIdOf(h: Harness, deviceToken: string): Promise<string> {
  const me = await h.req({ method: 'GET', url: '/api/v1/devices/me', device: deviceToken });
  must(me, 200, 'GET /devices/me');
  return me.json().device.id as string;
}

/** Builds the world through the public API as the demo owner (only the demo seed is pre-existing). */
export async function buildWorld(h: Harness): Promise<World> {
  const owner = await h.login();
  const call = (r: Omit<Req, 'token'>) => send(h, { ...r, token: owner });

  const roleList = await call({ method: 'GET', url: '/roles' });
  must(roleList, 200, 'GET /roles');
  const roles = Object.fromEntries(
    (roleList.json().items as { id: string; key: string | null }[]).filter((r) => r.key).map((r) => [r.key, r.id]),
  ) as Record<RoleKey, string>;

  const storeA = h.demo.storeId;
  const storeRes = await call({ method: 'POST', url: '/stores', body: storeInput(uniqueName('Filiale Hamburg')) });
  must(storeRes, 201, 'POST /stores');
  const storeB = storeRes.json().id as string;

  const register = async (storeId: string, name: string) => {
    const res = await call({ method: 'POST', url: `/stores/${storeId}/registers`, body: { name: uniqueName(name) } });
    must(res, 201, 'POST /stores/:id/registers');
    return res.json().id as string;
  };
  const registerA = await register(storeA, 'Matrix A');
  const registerB = await register(storeB, 'HH');

  const user = async (key: string, role: RoleKey, stores: string[] | 'all') => {
    const email = `${key.toLowerCase()}.${Date.now().toString(36)}@matrix.example`;
    const res = await call({
      method: 'POST',
      url: '/users',
      body: { name: key, email, password: PASSWORD, roleId: roles[role], allStores: stores === 'all', storeIds: stores === 'all' ? [] : stores },
    });
    must(res, 201, `POST /users (${key})`);
    return { id: res.json().id as string, email };
  };
  const admin = await user('admin', 'admin', 'all');
  const managerA = await user('managerA', 'manager', [storeA]);
  const cashierA = await user('cashierA', 'cashier', [storeA]);
  const managerB = await user('managerB', 'manager', [storeB]);
  const targetA = await user('targetA', 'cashier', [storeA]);
  const targetB = await user('targetB', 'cashier', [storeB]);
  const ownerRow = await h.database.db.selectFrom('users').select('id').where('email', '=', 'owner@example.com').executeTakeFirstOrThrow();

  const keyRes = await call({ method: 'POST', url: '/api-keys', body: { name: 'Store A reader', permissions: ['stores.read'], storeIds: [storeA] } });
  must(keyRes, 201, 'POST /api-keys');
  const apiKey = keyRes.json().secret as string;
  const revocable = await call({ method: 'POST', url: '/api-keys', body: { name: 'Revocable', permissions: ['stores.read'], storeIds: [storeA] } });
  must(revocable, 201, 'POST /api-keys (revocable)');
  const customRole = await call({ method: 'POST', url: '/roles', body: { name: uniqueName('Matrix role'), permissions: ['stores.read'] } });
  must(customRole, 201, 'POST /roles');

  const deviceTokenA = await h.pair(registerA);
  const devices = {
    renameA: await deviceIdOf(h, await h.pair(registerA)),
    revokeA: await deviceIdOf(h, await h.pair(registerA)),
    renameB: await deviceIdOf(h, await h.pair(registerB)),
    revokeB: await deviceIdOf(h, await h.pair(registerB)),
  };

  const emails = { owner: 'owner@example.com', admin: admin.email, managerA: managerA.email, cashierA: cashierA.email, managerB: managerB.email };
  const passwordOf = (p: keyof typeof emails) => (p === 'owner' ? 'opentill-demo' : PASSWORD);
  const tokens: Record<PrincipalName, string | undefined> = {
    anonymous: undefined,
    owner,
    admin: await h.login(emails.admin, PASSWORD),
    managerA: await h.login(emails.managerA, PASSWORD),
    cashierA: await h.login(emails.cashierA, PASSWORD),
    managerB: await h.login(emails.managerB, PASSWORD),
    apiKeyA: apiKey,
  };

  return {
    storeA,
    storeB,
    registerA,
    registerB,
    devices,
    deviceTokenA,
    users: { targetA: targetA.id, targetB: targetB.id, owner: ownerRow.id, admin: admin.id, managerA: managerA.id, cashierA: cashierA.id, managerB: managerB.id },
    roles,
    customRoleId: customRole.json().id as string,
    revocableKeyId: revocable.json().id as string,
    emails,
    tokens,
    freshToken: async (p) => {
      if (p === 'anonymous') return undefined;
      if (p === 'apiKeyA') return apiKey;
      return h.login(emails[p], passwordOf(p));
    },
    freshPairingCode: async () => {
      const res = await call({ method: 'POST', url: `/registers/${registerA}/pairing-codes` });
      must(res, 201, 'POST /registers/:id/pairing-codes');
      return res.json().code as string;
    },
    unique: uniqueName,
  };
}

/** Every `METHOD /path/{param}` under /api/v1 the app documents (OpenAPI), without the prefix. */
export async function openApiRoutes(h: Harness): Promise<string[]> {
  const res = await h.req({ method: 'GET', url: '/api/openapi.json' });
  must(res, 200, 'GET /api/openapi.json');
  const paths = res.json().paths as Record<string, Record<string, unknown>>;
  const out: string[] = [];
  for (const [p, ops] of Object.entries(paths)) {
    if (!p.startsWith('/api/v1/')) continue;
    for (const method of Object.keys(ops)) if (method !== 'head') out.push(`${method.toUpperCase()} ${p.slice('/api/v1'.length)}`);
  }
  return out.sort();
}

/**
 * Every `METHOD /path/{param}` under /api/v1 the router knows, parsed from `printRoutes` — this also
 * catches routes hidden from the OpenAPI document.
 */
export function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const full = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = full;
    stack.length = depth + 1;
    if (!m[3] || !full.startsWith('/api/v1/')) continue;
    const template = full.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}');
    for (const method of m[3].split(',').map((s) => s.trim())) if (method !== 'HEAD') out.push(`${method} ${template}`);
  }
  return [...new Set(out)].sort();
}

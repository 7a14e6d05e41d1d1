import { UNAUTH, DENIED, FOREIGN, HIDDEN, all, row, type MatrixCase } from './matrix-types.js';
import { PASSWORD, storeInput } from './matrix-fixtures.js';

/** Authorization-matrix rows: Auth, stores, registers, devices, access (users, roles, API keys) and audit. */
export function platformCases(): MatrixCase[] {
  return [
    // ---- auth: public routes answer with their own credential errors, never 2xx without it ----
    {
      route: 'POST /auth/login',
      variant: 'wrong password',
      request: () => ({ method: 'POST', url: '/auth/login', body: { email: 'owner@example.com', password: 'not-the-password' } }),
      expect: all('401 invalid_credentials'),
    },
    {
      route: 'POST /auth/login',
      variant: 'valid password',
      request: (w) => ({ method: 'POST', url: '/auth/login', body: { email: w.emails.cashierA, password: PASSWORD } }),
      expect: all(200),
    },
    {
      route: 'POST /auth/pin-login',
      variant: 'no device token',
      request: () => ({ method: 'POST', url: '/auth/pin-login', body: { pin: '1234' } }),
      expect: all('401 device_required'),
    },
    {
      route: 'POST /auth/pin-login',
      variant: 'paired device + PIN',
      request: (w) => ({ method: 'POST', url: '/auth/pin-login', body: { pin: '1234' }, device: w.deviceTokenA }),
      expect: all(200),
    },
    {
      route: 'POST /auth/logout',
      request: async (w, p) => ({ method: 'POST', url: '/auth/logout', token: await w.freshToken(p) }),
      expect: row(UNAUTH, 204, 204, 204, 204, 204, 204),
    },
    { route: 'GET /auth/me', request: () => ({ method: 'GET', url: '/auth/me' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, 200) },

    // ---- stores ----
    { route: 'GET /stores', request: () => ({ method: 'GET', url: '/stores' }), expect: row(UNAUTH, 200, 200, 200, 200, 200, 200) },
    {
      route: 'POST /stores',
      request: (w) => ({ method: 'POST', url: '/stores', body: storeInput(w.unique('Matrix store')) }),
      expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'GET /stores/{id}',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
    {
      route: 'GET /stores/{id}',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'PATCH /stores/{id}',
      variant: 'A',
      request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeA}`, body: { locale: 'de-DE' } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /stores/{id}',
      variant: 'B',
      request: (w) => ({ method: 'PATCH', url: `/stores/${w.storeB}`, body: { locale: 'de-DE' } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, DENIED, FOREIGN),
    },
    {
      route: 'GET /stores/{id}/registers',
      variant: 'A',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeA}/registers` }),
      expect: row(UNAUTH, 200, 200, 200, 200, FOREIGN, 200),
    },
    {
      route: 'GET /stores/{id}/registers',
      variant: 'B',
      request: (w) => ({ method: 'GET', url: `/stores/${w.storeB}/registers` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /stores/{id}/registers',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/stores/${w.storeA}/registers`, body: { name: w.unique('Reg') } }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /stores/{id}/registers',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/stores/${w.storeB}/registers`, body: { name: w.unique('Reg') } }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },

    // ---- registers ----
    {
      route: 'PATCH /registers/{id}',
      variant: 'A',
      request: (w) => ({ method: 'PATCH', url: `/registers/${w.registerA}`, body: { name: w.unique('Reg A') } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /registers/{id}',
      variant: 'B',
      request: (w) => ({ method: 'PATCH', url: `/registers/${w.registerB}`, body: { name: w.unique('Reg B') } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /registers/{id}/no-sale',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/no-sale`, body: { reason: 'matrix' } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/no-sale',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerB}/no-sale`, body: { reason: 'matrix' } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /registers/{id}/pairing-codes',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerA}/pairing-codes` }),
      expect: row(UNAUTH, 201, 201, 201, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /registers/{id}/pairing-codes',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/registers/${w.registerB}/pairing-codes` }),
      expect: row(UNAUTH, 201, 201, FOREIGN, FOREIGN, 201, FOREIGN),
    },

    // ---- devices ----
    {
      route: 'POST /devices/pair',
      variant: 'unknown code',
      request: () => ({ method: 'POST', url: '/devices/pair', body: { code: 'ABCD2345' } }),
      expect: all('400 pairing_code_invalid'),
    },
    {
      route: 'POST /devices/pair',
      variant: 'fresh code',
      request: async (w) => ({ method: 'POST', url: '/devices/pair', body: { code: await w.freshPairingCode() } }),
      expect: all(201),
    },
    {
      route: 'GET /devices/me',
      variant: 'no device token',
      request: () => ({ method: 'GET', url: '/devices/me' }),
      expect: all('401 device_required'),
    },
    {
      route: 'GET /devices/me',
      variant: 'paired device',
      request: (w) => ({ method: 'GET', url: '/devices/me', device: w.deviceTokenA }),
      expect: all(200),
    },
    { route: 'GET /devices', request: () => ({ method: 'GET', url: '/devices' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
    {
      route: 'GET /devices',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/devices?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /devices',
      variant: '?storeId=B',
      request: (w) => ({ method: 'GET', url: `/devices?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'PATCH /devices/{id}',
      variant: 'A',
      request: (w) => ({ method: 'PATCH', url: `/devices/${w.devices.renameA}`, body: { name: w.unique('Counter') } }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'PATCH /devices/{id}',
      variant: 'B',
      request: (w) => ({ method: 'PATCH', url: `/devices/${w.devices.renameB}`, body: { name: w.unique('Counter') } }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /devices/{id}/revoke',
      variant: 'A',
      request: (w) => ({ method: 'POST', url: `/devices/${w.devices.revokeA}/revoke` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'POST /devices/{id}/revoke',
      variant: 'B',
      request: (w) => ({ method: 'POST', url: `/devices/${w.devices.revokeB}/revoke` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },

    // ---- access: permissions, users, roles, API keys ----
    { route: 'GET /permissions', request: () => ({ method: 'GET', url: '/permissions' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
    { route: 'GET /users', request: () => ({ method: 'GET', url: '/users' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
    {
      route: 'GET /users',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/users?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /users',
      variant: '?storeId=B',
      request: (w) => ({ method: 'GET', url: `/users?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
    {
      route: 'POST /users',
      variant: 'cashier in A',
      request: (w) => ({
        method: 'POST',
        url: '/users',
        body: { name: w.unique('New cashier'), email: `${w.unique('new').replace(/\W/g, '')}@matrix.example`, password: PASSWORD, roleId: w.roles.cashier, storeIds: [w.storeA] },
      }),
      // Built-in managers hold users.read but not users.manage.
      expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'GET /users/{id}',
      variant: 'user of A',
      request: (w) => ({ method: 'GET', url: `/users/${w.users.targetA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, HIDDEN, DENIED),
    },
    {
      route: 'GET /users/{id}',
      variant: 'user of B',
      request: (w) => ({ method: 'GET', url: `/users/${w.users.targetB}` }),
      expect: row(UNAUTH, 200, 200, HIDDEN, DENIED, 200, DENIED),
    },
    {
      route: 'PATCH /users/{id}',
      variant: 'user of A',
      request: (w) => ({ method: 'PATCH', url: `/users/${w.users.targetA}`, body: { name: w.unique('Target A') } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'PATCH /users/{id}',
      variant: 'user of B',
      request: (w) => ({ method: 'PATCH', url: `/users/${w.users.targetB}`, body: { name: w.unique('Target B') } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'POST /users/{id}/password',
      variant: 'user of A',
      request: (w) => ({ method: 'POST', url: `/users/${w.users.targetA}/password`, body: { password: PASSWORD } }),
      expect: row(UNAUTH, 204, 204, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'POST /users/{id}/password',
      variant: 'user of B',
      request: (w) => ({ method: 'POST', url: `/users/${w.users.targetB}/password`, body: { password: PASSWORD } }),
      expect: row(UNAUTH, 204, 204, DENIED, DENIED, DENIED, DENIED),
    },
    { route: 'GET /roles', request: () => ({ method: 'GET', url: '/roles' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
    {
      route: 'POST /roles',
      request: (w) => ({ method: 'POST', url: '/roles', body: { name: w.unique('Role'), permissions: ['stores.read', 'catalog.read'] } }),
      expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'PATCH /roles/{id}',
      request: (w) => ({ method: 'PATCH', url: `/roles/${w.customRoleId}`, body: { name: w.unique('Role') } }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
    },
    { route: 'GET /api-keys', request: () => ({ method: 'GET', url: '/api-keys' }), expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED) },
    {
      route: 'POST /api-keys',
      request: (w) => ({ method: 'POST', url: '/api-keys', body: { name: w.unique('Key'), permissions: ['stores.read'], storeIds: [w.storeA] } }),
      expect: row(UNAUTH, 201, 201, DENIED, DENIED, DENIED, DENIED),
    },
    {
      route: 'POST /api-keys/{id}/revoke',
      request: (w) => ({ method: 'POST', url: `/api-keys/${w.revocableKeyId}/revoke` }),
      expect: row(UNAUTH, 200, 200, DENIED, DENIED, DENIED, DENIED),
    },

    // ---- audit ----
    { route: 'GET /audit', request: () => ({ method: 'GET', url: '/audit' }), expect: row(UNAUTH, 200, 200, 200, DENIED, 200, DENIED) },
    {
      route: 'GET /audit',
      variant: '?storeId=A',
      request: (w) => ({ method: 'GET', url: `/audit?storeId=${w.storeA}` }),
      expect: row(UNAUTH, 200, 200, 200, DENIED, FOREIGN, DENIED),
    },
    {
      route: 'GET /audit',
      variant: '?storeId=B',
      request: (w) => ({ method: 'GET', url: `/audit?storeId=${w.storeB}` }),
      expect: row(UNAUTH, 200, 200, FOREIGN, FOREIGN, 200, FOREIGN),
    },
  ];
}

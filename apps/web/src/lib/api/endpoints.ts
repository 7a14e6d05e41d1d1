// Thin typed functions per endpoint, so components never spell paths or methods themselves.
import { api } from './api-client';
import type {
  AuditEntry,
  Device,
  DeviceMe,
  LoginResponse,
  Me,
  Page,
  PairResponse,
  PairingCode,
  PinLoginResponse,
  Register,
  Store,
} from './types';

export const authApi = {
  login: (email: string, password: string) =>
    api<LoginResponse>('/auth/login', { method: 'POST', body: { email, password } }),
  pinLogin: (pin: string) => api<PinLoginResponse>('/auth/pin-login', { method: 'POST', body: { pin } }),
  logout: () => api<void>('/auth/logout', { method: 'POST' }),
  me: () => api<Me>('/auth/me'),
};

export const storesApi = {
  list: () => api<{ items: Store[] }>('/stores'),
  registers: (storeId: string) => api<{ items: Register[] }>(`/stores/${encodeURIComponent(storeId)}/registers`),
};

export const devicesApi = {
  pair: (code: string, name?: string) =>
    api<PairResponse>('/devices/pair', { method: 'POST', body: name ? { code, name } : { code } }),
  me: () => api<DeviceMe>('/devices/me'),
  list: (storeId?: string) => api<{ items: Device[] }>('/devices', { query: { storeId } }),
  rename: (id: string, name: string) =>
    api<Device>(`/devices/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
  revoke: (id: string) => api<Device>(`/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
  createPairingCode: (registerId: string) =>
    api<PairingCode>(`/registers/${encodeURIComponent(registerId)}/pairing-codes`, { method: 'POST' }),
};

export const auditApi = {
  list: (params: { cursor?: string | null; limit?: number; storeId?: string }) =>
    api<Page<AuditEntry>>('/audit', { query: params }),
};

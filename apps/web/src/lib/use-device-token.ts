import { useSyncExternalStore } from 'react';
import { getDeviceToken, subscribeDeviceToken } from './api/device-token';

export function useDeviceToken(): string | null {
  return useSyncExternalStore(subscribeDeviceToken, getDeviceToken, () => null);
}

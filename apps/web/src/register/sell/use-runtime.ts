import { useEffect, useSyncExternalStore } from 'react';
import type { StoreSettings } from '../data/catalog-types';
import { runtimeFor, type RegisterRuntime, type RuntimeState } from '../data/register-runtime';

/** The register runtime of this page, started once; re-renders on its state changes. */
export function useRuntime(
  registerId: string,
  store: StoreSettings,
): { runtime: RegisterRuntime; state: RuntimeState } {
  const runtime = runtimeFor(registerId, store);
  const state = useSyncExternalStore(runtime.subscribe, runtime.getState, runtime.getState);
  useEffect(() => {
    // Mounted after a PIN login: a running runtime may have paused on the previous session's end.
    runtime.resume();
    void runtime.start();
  }, [runtime]);
  return { runtime, state };
}

import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api/api-error';
import { authApi } from '../lib/api/endpoints';
import type { Me } from '../lib/api/types';

export const meQueryKey = ['auth', 'me'] as const;

/** `null` means "no session" — a normal state, not an error. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await authApi.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 30_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}

export function isBackofficeSession(me: Me | null | undefined): me is Me {
  return me?.session.kind === 'backoffice';
}

/** Re-reads the session from the server after a login, so every screen sees the same truth. */
export async function refreshMe(queryClient: QueryClient): Promise<Me | null> {
  return queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 });
}

/** Ends the session server-side; a failed call still drops local state (the cookie may be gone). */
export async function logout(queryClient: QueryClient): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    queryClient.setQueryData(meQueryKey, null);
    // Everything else cached belonged to the previous user.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'device' });
  }
}

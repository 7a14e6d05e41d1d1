import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/api-error';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // Any read answered 401 means the session ended (expired, revoked, logged out elsewhere):
      // re-check it so guarded screens fall back to their login instead of showing stale data.
      onError: (error, query) => {
        if (error instanceof ApiError && error.isUnauthenticated && query.queryKey[0] !== 'auth') {
          void client.invalidateQueries({ queryKey: ['auth', 'me'] });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // 4xx answers will not change by asking again; only retry network and server errors.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

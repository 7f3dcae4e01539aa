import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

import { ApiError } from '@/api/client';
import { sessionKey } from '@/features/accounts';

/**
 * One client for the app. A 401 from any API call means the session ended (expired, or
 * logged out in another tab): mark the session empty so the guards send the person to
 * the login page instead of showing a wall of errors.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onAuthError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors will not change on retry; server and network errors might.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });

  function onAuthError(error: unknown) {
    if (error instanceof ApiError && error.status === 401) {
      const current = client.getQueryData<{ user: unknown }>(sessionKey);
      if (current?.user) client.setQueryData(sessionKey, { user: null, pendingFlows: [] });
    }
  }

  return client;
}

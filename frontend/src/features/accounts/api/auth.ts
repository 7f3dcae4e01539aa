import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { allauth, api, apiGet, apiPath, query } from '@/api/client';
import type { AllauthResponse, AllauthUser, Me, Organization, SsoProvider } from '@/api/types';

export const sessionKey = ['auth', 'session'] as const;
export const meKey = ['me'] as const;

export interface Session {
  user: AllauthUser | null;
  /** Ids of allauth flows waiting on the person, e.g. `verify_email`. */
  pendingFlows: string[];
}

export function toSession(response: AllauthResponse): Session {
  const authenticated = response.status === 200 && response.meta?.is_authenticated !== false;
  const pendingFlows = (response.data?.flows ?? [])
    .filter((flow) => flow.is_pending)
    .map((flow) => flow.id);
  return { user: authenticated ? (response.data?.user ?? null) : null, pendingFlows };
}

/** The allauth session; fetched at startup, which also makes Django set the CSRF cookie. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => toSession(await allauth('GET', 'auth/session')),
    staleTime: 60_000,
    retry: false,
  });
}

export function useMe(enabled = true) {
  return useQuery({
    queryKey: meKey,
    queryFn: () => apiGet<Me>(apiPath('/api/v1/me')),
    enabled,
    retry: false,
  });
}

/** After any change of who is logged in, forget everything cached for the old person. */
function useAdoptSession() {
  const client = useQueryClient();
  return (session: Session) => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    client.setQueryData(sessionKey, session);
  };
}

export function useLogin() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      toSession(await allauth('POST', 'auth/login', input)),
    onSuccess: adopt,
  });
}

export function useLogout() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async () => toSession(await allauth('DELETE', 'auth/session')),
    onSettled: () => adopt({ user: null, pendingFlows: [] }),
  });
}

export function useSignup() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      toSession(await allauth('POST', 'auth/signup', input)),
    onSuccess: adopt,
  });
}

export function useVerifyEmail() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async (key: string) =>
      toSession(await allauth('POST', 'auth/email/verify', { key })),
    onSuccess: adopt,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => allauth('POST', 'auth/password/request', { email }),
  });
}

export function useResetPassword() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: async (input: { key: string; password: string }) =>
      toSession(await allauth('POST', 'auth/password/reset', input)),
    onSuccess: adopt,
  });
}

export function useSsoDiscovery(email: string) {
  const looksLikeEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
  return useQuery({
    queryKey: ['sso', 'discover', email.toLowerCase()],
    queryFn: () =>
      apiGet<{ providers: SsoProvider[] }>(apiPath('/api/v1/sso/discover') + query({ email })).then(
        (body) => body.providers ?? [],
      ),
    enabled: looksLikeEmail,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; slug: string }) =>
      api<Organization>('POST', apiPath('/api/v1/orgs/'), input),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

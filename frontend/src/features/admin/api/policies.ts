import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, ApiError, query } from '@/api/client';
import type { Paginated, Policy } from '@/api/types';

import { PAGE_SIZE } from './admin';

export const policyKeys = {
  all: (org: string) => ['org', org, 'policies'] as const,
  current: (org: string) => ['org', org, 'policies', 'current'] as const,
  list: (org: string, page: number) => ['org', org, 'policies', 'list', page] as const,
};

/** The current policy version, or null when none is published (404 `no_policy`). */
export function useCurrentPolicy(org: string) {
  return useQuery({
    queryKey: policyKeys.current(org),
    queryFn: async () => {
      try {
        return await apiGet<Policy>(
          apiPath('/api/v1/orgs/{org_slug}/policies/current', { org_slug: org }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function usePolicies(org: string, page: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.list(org, page),
    queryFn: () =>
      apiGet<Paginated<Policy>>(
        apiPath('/api/v1/orgs/{org_slug}/policies/', { org_slug: org }) +
          query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePublishPolicy(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) =>
      api<Policy>('POST', apiPath('/api/v1/orgs/{org_slug}/policies/', { org_slug: org }), input),
    onSuccess: (policy) => {
      client.setQueryData(policyKeys.current(org), policy);
      void client.invalidateQueries({ queryKey: policyKeys.all(org) });
    },
  });
}

export function useAcknowledgePolicy(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<Policy>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/policies/{id}/acknowledge', { org_slug: org, id }),
      ),
    onSuccess: (policy) => {
      if (policy.is_current) client.setQueryData(policyKeys.current(org), policy);
      void client.invalidateQueries({ queryKey: policyKeys.all(org) });
    },
  });
}

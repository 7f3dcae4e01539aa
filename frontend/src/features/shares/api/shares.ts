import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, query } from '@/api/client';
import type {
  Connection,
  ConnectionStartInput,
  FeedItem,
  Network,
  Organization,
  Paginated,
  SandboxPost,
  Share,
  ShareDecision,
  ShareInput,
  SharePreview,
  ShareStatus,
} from '@/api/types';

export const PAGE_SIZE = 20;
/** The API's largest page. */
export const MAX_PAGE_SIZE = 100;

export const shareKeys = {
  connections: (org: string) => ['org', org, 'connections'] as const,
  settings: (org: string) => ['org', org] as const,
  shares: (org: string) => ['org', org, 'shares'] as const,
  shareList: (org: string, status: string, page: number) =>
    ['org', org, 'shares', 'list', status, page] as const,
  share: (org: string, id: string) => ['org', org, 'shares', 'one', id] as const,
  sandbox: (org: string, page: number) => ['org', org, 'sandbox', page] as const,
  feedItem: (org: string, id: string) => ['org', org, 'feed', 'item', id] as const,
};

const orgPath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org });
const sharesPath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/shares/', { org_slug: org });

// ---- connections --------------------------------------------------------------------

/** The organisation's settings, for the networks it enables. */
export function useOrgSettings(org: string) {
  return useQuery({
    queryKey: shareKeys.settings(org),
    queryFn: () => apiGet<Organization>(orgPath(org)),
  });
}

export function useConnections(org: string) {
  return useQuery({
    queryKey: shareKeys.connections(org),
    queryFn: () =>
      apiGet<Paginated<Connection>>(
        apiPath('/api/v1/orgs/{org_slug}/connections/', { org_slug: org }) +
          query({ page_size: MAX_PAGE_SIZE }),
      ),
    select: (data) => data.results,
  });
}

/**
 * Starts connecting a network; answers where the browser goes to authorise (for Bluesky
 * and the sandbox, our own callback, which completes at once).
 */
export function useStartConnection(org: string) {
  return useMutation({
    mutationFn: ({ network, input = {} }: { network: Network; input?: ConnectionStartInput }) =>
      api<{ authorization_url: string }>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/connections/{network}/start', {
          org_slug: org,
          network,
        }),
        input,
      ),
  });
}

export function useDisconnect(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(
        'DELETE',
        apiPath('/api/v1/orgs/{org_slug}/connections/{id}/', { org_slug: org, id }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: shareKeys.connections(org) }),
  });
}

// ---- the item being shared ----------------------------------------------------------

/** The feed has no single-item endpoint: look the item up in the caller's feed. */
export function useFeedItem(org: string, id: string) {
  return useQuery({
    queryKey: shareKeys.feedItem(org, id),
    queryFn: async () => {
      const feed = await apiGet<Paginated<FeedItem>>(
        apiPath('/api/v1/orgs/{org_slug}/feed/', { org_slug: org }) +
          query({ page_size: MAX_PAGE_SIZE }),
      );
      return feed.results.find((item) => item.id === id) ?? null;
    },
  });
}

// ---- shares -------------------------------------------------------------------------

export function previewShare(org: string, input: ShareInput) {
  return api<SharePreview>(
    'POST',
    apiPath('/api/v1/orgs/{org_slug}/shares/preview', { org_slug: org }),
    input,
  );
}

export function createShare(org: string, input: ShareInput) {
  return api<Share>('POST', sharesPath(org), input);
}

export function updateShare(org: string, id: string, text: string) {
  return api<Share>(
    'PATCH',
    apiPath('/api/v1/orgs/{org_slug}/shares/{id}/', { org_slug: org, id }),
    { text },
  );
}

export function getShare(org: string, id: string) {
  return apiGet<Share>(apiPath('/api/v1/orgs/{org_slug}/shares/{id}/', { org_slug: org, id }));
}

export function confirmShare(
  org: string,
  id: string,
  body: { text_sha256: string; send_at?: string | null },
) {
  return api<Share>(
    'POST',
    apiPath('/api/v1/orgs/{org_slug}/shares/{id}/confirm', { org_slug: org, id }),
    body,
  );
}

export function useShares(org: string, status: ShareStatus | '', page: number) {
  return useQuery({
    queryKey: shareKeys.shareList(org, status, page),
    queryFn: () =>
      apiGet<Paginated<Share>>(sharesPath(org) + query({ status, page, page_size: PAGE_SIZE })),
    placeholderData: keepPreviousData,
  });
}

export function useCancelShare(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<Share>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/shares/{id}/cancel', { org_slug: org, id }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: shareKeys.shares(org) }),
  });
}

export function useReviewShare(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      reason,
    }: {
      id: string;
      decision: ShareDecision;
      reason: string;
    }) =>
      api<Share>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/shares/{id}/review', { org_slug: org, id }),
        { decision, reason },
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: shareKeys.shares(org) }),
  });
}

// ---- the sandbox network ------------------------------------------------------------

export function useSandboxPosts(org: string, page: number) {
  return useQuery({
    queryKey: shareKeys.sandbox(org, page),
    queryFn: () =>
      apiGet<Paginated<SandboxPost>>(
        apiPath('/api/v1/orgs/{org_slug}/sandbox/posts', { org_slug: org }) +
          query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

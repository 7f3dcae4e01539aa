import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, query } from '@/api/client';
import type {
  Audience,
  Content,
  ContentHistory,
  ContentInput,
  ContentStatus,
  FeedItem,
  GridCell,
  GridCellInput,
  GridReorderInput,
  MessageTemplate,
  MessageTemplateInput,
  Paginated,
  Role,
  Suggestion,
  SuggestionInput,
} from '@/api/types';

export const PAGE_SIZE = 20;
/** The API's largest page. */
export const MAX_PAGE_SIZE = 100;

export const contentKeys = {
  all: (org: string) => ['org', org, 'content'] as const,
  list: (org: string, filters: ContentFilters, page: number) =>
    ['org', org, 'content', 'list', filters, page] as const,
  one: (org: string, id: string) => ['org', org, 'content', 'one', id] as const,
  history: (org: string, id: string) => ['org', org, 'content', 'history', id] as const,
  feed: (org: string, audience: string, page: number) =>
    ['org', org, 'feed', audience, page] as const,
  feedAll: (org: string) => ['org', org, 'feed'] as const,
  grid: (org: string) => ['org', org, 'grid'] as const,
  gridRole: (org: string, role: string) => ['org', org, 'grid', role] as const,
  templates: (org: string) => ['org', org, 'templates'] as const,
  templateList: (org: string, page: number) => ['org', org, 'templates', page] as const,
  suggestions: (org: string) => ['org', org, 'suggestions'] as const,
  suggestionList: (org: string, page: number) => ['org', org, 'suggestions', page] as const,
  roles: (org: string) => ['org', org, 'roles', 'content-picker'] as const,
  audiences: (org: string) => ['org', org, 'audiences', 'content-picker'] as const,
};

export interface ContentFilters {
  status?: ContentStatus;
  source?: string;
  q?: string;
}

const contentPath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/content/', { org_slug: org });
const itemPath = (org: string, id: string) =>
  apiPath('/api/v1/orgs/{org_slug}/content/{id}/', { org_slug: org, id });

// ---- pickers: roles and audiences ---------------------------------------------------

export function useRolePicker(org: string) {
  return useQuery({
    queryKey: contentKeys.roles(org),
    queryFn: () =>
      apiGet<Paginated<Role>>(
        apiPath('/api/v1/orgs/{org_slug}/roles/', { org_slug: org }) +
          query({ page_size: MAX_PAGE_SIZE }),
      ),
    select: (data) => data.results,
    staleTime: 60_000,
  });
}

export function useAudiencePicker(org: string) {
  return useQuery({
    queryKey: contentKeys.audiences(org),
    queryFn: () =>
      apiGet<Paginated<Audience>>(
        apiPath('/api/v1/orgs/{org_slug}/audiences/', { org_slug: org }) +
          query({ page_size: MAX_PAGE_SIZE }),
      ),
    select: (data) => data.results,
    staleTime: 60_000,
  });
}

// ---- the feed -----------------------------------------------------------------------

export function useFeed(org: string, audience: string, page: number) {
  return useQuery({
    queryKey: contentKeys.feed(org, audience, page),
    queryFn: () =>
      apiGet<Paginated<FeedItem>>(
        apiPath('/api/v1/orgs/{org_slug}/feed/', { org_slug: org }) +
          query({ audience, page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

// ---- the library --------------------------------------------------------------------

export function useContentList(
  org: string,
  filters: ContentFilters,
  page: number,
  size = PAGE_SIZE,
) {
  return useQuery({
    queryKey: [...contentKeys.list(org, filters, page), size],
    queryFn: () =>
      apiGet<Paginated<Content>>(
        contentPath(org) +
          query({
            status: filters.status,
            source: filters.source,
            q: filters.q,
            page,
            page_size: size,
          }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useContent(org: string, id: string | undefined) {
  return useQuery({
    queryKey: contentKeys.one(org, id ?? ''),
    queryFn: () => apiGet<Content>(itemPath(org, id ?? '')),
    enabled: !!id,
    // A fetched preview arrives later: look again while it is pending.
    refetchInterval: (q) => (q.state.data?.preview.status === 'pending' ? 3000 : false),
  });
}

export function useContentHistory(org: string, id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: contentKeys.history(org, id ?? ''),
    queryFn: () =>
      apiGet<ContentHistory>(
        apiPath('/api/v1/orgs/{org_slug}/content/{id}/history', { org_slug: org, id: id ?? '' }),
      ),
    enabled: !!id && enabled,
  });
}

function useContentInvalidation(org: string) {
  const client = useQueryClient();
  return (content?: Content) => {
    if (content) client.setQueryData(contentKeys.one(org, content.id), content);
    void client.invalidateQueries({ queryKey: contentKeys.all(org) });
    void client.invalidateQueries({ queryKey: contentKeys.feedAll(org) });
    void client.invalidateQueries({ queryKey: contentKeys.suggestions(org) });
  };
}

export function useSaveContent(org: string) {
  const refresh = useContentInvalidation(org);
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ContentInput }) =>
      id
        ? api<Content>('PATCH', itemPath(org, id), input)
        : api<Content>('POST', contentPath(org), input),
    onSuccess: (content) => refresh(content),
  });
}

export type WorkflowAction = 'submit' | 'approve' | 'reject' | 'retire' | 'refresh-preview';

function actionPath(org: string, id: string, action: WorkflowAction): string {
  const params = { org_slug: org, id };
  switch (action) {
    case 'submit':
      return apiPath('/api/v1/orgs/{org_slug}/content/{id}/submit', params);
    case 'approve':
      return apiPath('/api/v1/orgs/{org_slug}/content/{id}/approve', params);
    case 'reject':
      return apiPath('/api/v1/orgs/{org_slug}/content/{id}/reject', params);
    case 'retire':
      return apiPath('/api/v1/orgs/{org_slug}/content/{id}/retire', params);
    case 'refresh-preview':
      return apiPath('/api/v1/orgs/{org_slug}/content/{id}/refresh-preview', params);
  }
}

export function useContentAction(org: string) {
  const refresh = useContentInvalidation(org);
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: WorkflowAction; reason?: string }) =>
      api<Content>(
        'POST',
        actionPath(org, id, action),
        action === 'reject' ? { reason } : undefined,
      ),
    onSuccess: (content) => refresh(content),
    // A refused transition means the page is out of date: fetch what is true now.
    onError: () => refresh(),
  });
}

export function useDeleteContent(org: string) {
  const refresh = useContentInvalidation(org);
  return useMutation({
    mutationFn: (id: string) => api<null>('DELETE', itemPath(org, id)),
    onSuccess: () => refresh(),
  });
}

// ---- the grid -----------------------------------------------------------------------

const gridPath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/grid/', { org_slug: org });
const gridCellPath = (org: string, id: string) =>
  apiPath('/api/v1/orgs/{org_slug}/grid/{id}/', { org_slug: org, id });

/** Every cell of one role, paging through the API's 100-row pages. */
export async function fetchRoleCells(org: string, role: string): Promise<GridCell[]> {
  const cells: GridCell[] = [];
  for (let page = 1; page < 100; page += 1) {
    const data = await apiGet<Paginated<GridCell>>(
      gridPath(org) + query({ role, page, page_size: MAX_PAGE_SIZE }),
    );
    cells.push(...data.results);
    if (!data.next || cells.length >= data.count) break;
  }
  return cells;
}

export function useRoleGrid(org: string, role: string | undefined) {
  return useQuery({
    queryKey: contentKeys.gridRole(org, role ?? ''),
    queryFn: () => fetchRoleCells(org, role ?? ''),
    enabled: !!role,
  });
}

export function useGridChange(org: string, role: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change:
        | { kind: 'add'; input: GridCellInput }
        | { kind: 'note'; id: string; note: string }
        | { kind: 'remove'; id: string }
        | { kind: 'reorder'; input: GridReorderInput },
    ): Promise<unknown> => {
      if (change.kind === 'add') return api<GridCell>('POST', gridPath(org), change.input);
      if (change.kind === 'note') {
        return api<GridCell>('PATCH', gridCellPath(org, change.id), { note: change.note });
      }
      if (change.kind === 'remove') return api<null>('DELETE', gridCellPath(org, change.id));
      return api<GridCell[]>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/grid/reorder', { org_slug: org }),
        change.input,
      );
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: contentKeys.gridRole(org, role) });
      void client.invalidateQueries({ queryKey: contentKeys.feedAll(org) });
    },
  });
}

// ---- templates ----------------------------------------------------------------------

const templatesPath = (org: string) =>
  apiPath('/api/v1/orgs/{org_slug}/templates/', { org_slug: org });

export function useTemplates(org: string, page: number) {
  return useQuery({
    queryKey: contentKeys.templateList(org, page),
    queryFn: () =>
      apiGet<Paginated<MessageTemplate>>(
        templatesPath(org) + query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveTemplate(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: MessageTemplateInput }) =>
      id
        ? api<MessageTemplate>(
            'PATCH',
            apiPath('/api/v1/orgs/{org_slug}/templates/{id}/', { org_slug: org, id }),
            input,
          )
        : api<MessageTemplate>('POST', templatesPath(org), input),
    onSuccess: () => client.invalidateQueries({ queryKey: contentKeys.templates(org) }),
  });
}

export function useDeleteTemplate(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(
        'DELETE',
        apiPath('/api/v1/orgs/{org_slug}/templates/{id}/', { org_slug: org, id }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: contentKeys.templates(org) }),
  });
}

// ---- suggestions --------------------------------------------------------------------

const suggestionsPath = (org: string) =>
  apiPath('/api/v1/orgs/{org_slug}/suggestions/', { org_slug: org });

export function useSuggestions(org: string, page: number) {
  return useQuery({
    queryKey: contentKeys.suggestionList(org, page),
    queryFn: () =>
      apiGet<Paginated<Suggestion>>(suggestionsPath(org) + query({ page, page_size: PAGE_SIZE })),
    placeholderData: keepPreviousData,
  });
}

export function useSuggest(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SuggestionInput) => api<Suggestion>('POST', suggestionsPath(org), input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: contentKeys.suggestions(org) });
      void client.invalidateQueries({ queryKey: contentKeys.all(org) });
    },
  });
}

/** Whether the organisation asks for two approvals (marketing, then legal). */
export function useTwoStepApproval(org: string) {
  return useQuery({
    queryKey: ['org', org] as const,
    queryFn: () =>
      apiGet<{ settings: { two_step_approval?: boolean } }>(
        apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org }),
      ),
    select: (data) => !!data.settings.two_step_approval,
  });
}

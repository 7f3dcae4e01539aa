import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, query } from '@/api/client';
import type {
  Audience,
  AudienceInput,
  EngagementLevel,
  GrantList,
  Matrix,
  MemberSummary,
  Network,
  Paginated,
  ReservedCheck,
  ReservedRelationship,
  ReservedRelationshipInput,
  Role,
  RoleAudience,
  RoleInput,
} from '@/api/types';

export const PAGE_SIZE = 25;
/** The API's largest page: enough for pickers of roles and members in one request. */
export const PICKER_PAGE_SIZE = 100;

export type GrantKind = 'roles' | 'audiences';

export const strategyKeys = {
  roles: (org: string) => ['org', org, 'roles'] as const,
  roleList: (org: string, page: number, includeArchived: boolean) =>
    ['org', org, 'roles', 'list', page, includeArchived] as const,
  role: (org: string, id: string) => ['org', org, 'roles', 'one', id] as const,
  audiences: (org: string) => ['org', org, 'audiences'] as const,
  audienceList: (org: string, page: number, includeArchived: boolean) =>
    ['org', org, 'audiences', 'list', page, includeArchived] as const,
  audience: (org: string, id: string) => ['org', org, 'audiences', 'one', id] as const,
  matrix: (org: string) => ['org', org, 'matrix'] as const,
  reserved: (org: string) => ['org', org, 'reserved'] as const,
  reservedList: (org: string, page: number) => ['org', org, 'reserved', 'list', page] as const,
  grants: (org: string, kind: GrantKind, id: string) => ['org', org, 'grants', kind, id] as const,
  memberPicker: (org: string) => ['org', org, 'members', 'picker'] as const,
  org: (org: string) => ['org', org] as const,
};

const rolesPath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/roles/', { org_slug: org });
const rolePath = (org: string, id: string) =>
  apiPath('/api/v1/orgs/{org_slug}/roles/{id}/', { org_slug: org, id });
const audiencesPath = (org: string) =>
  apiPath('/api/v1/orgs/{org_slug}/audiences/', { org_slug: org });
const audiencePath = (org: string, id: string) =>
  apiPath('/api/v1/orgs/{org_slug}/audiences/{id}/', { org_slug: org, id });

// ---- roles -----------------------------------------------------------------------------

export function useRoles(org: string, page: number, includeArchived = false) {
  return useQuery({
    queryKey: strategyKeys.roleList(org, page, includeArchived),
    queryFn: () =>
      apiGet<Paginated<Role>>(
        rolesPath(org) +
          query({
            page,
            page_size: PAGE_SIZE,
            include_archived: includeArchived ? 'true' : undefined,
          }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Active roles for pickers (allowed roles of a reserved relationship). */
export function useActiveRoles(org: string) {
  return useQuery({
    queryKey: strategyKeys.roleList(org, 0, false),
    queryFn: () => apiGet<Paginated<Role>>(rolesPath(org) + query({ page_size: PICKER_PAGE_SIZE })),
  });
}

export function useRole(org: string, id: string | undefined) {
  return useQuery({
    queryKey: strategyKeys.role(org, id ?? ''),
    queryFn: () => apiGet<Role>(rolePath(org, id ?? '')),
    enabled: !!id,
  });
}

export function useSaveRole(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: RoleInput }) =>
      id ? api<Role>('PATCH', rolePath(org, id), input) : api<Role>('POST', rolesPath(org), input),
    onSuccess: (role) => {
      client.setQueryData(strategyKeys.role(org, role.id), role);
      void client.invalidateQueries({ queryKey: strategyKeys.roles(org) });
      void client.invalidateQueries({ queryKey: strategyKeys.matrix(org) });
    },
  });
}

export function useArchiveRole(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived
        ? api<null>('DELETE', rolePath(org, id))
        : api<Role>(
            'POST',
            apiPath('/api/v1/orgs/{org_slug}/roles/{id}/restore', { org_slug: org, id }),
          ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: strategyKeys.roles(org) });
      void client.invalidateQueries({ queryKey: strategyKeys.matrix(org) });
    },
  });
}

// ---- audiences -------------------------------------------------------------------------

export function useAudiences(org: string, page: number, includeArchived = false) {
  return useQuery({
    queryKey: strategyKeys.audienceList(org, page, includeArchived),
    queryFn: () =>
      apiGet<Paginated<Audience>>(
        audiencesPath(org) +
          query({
            page,
            page_size: PAGE_SIZE,
            include_archived: includeArchived ? 'true' : undefined,
          }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAudience(org: string, id: string | undefined) {
  return useQuery({
    queryKey: strategyKeys.audience(org, id ?? ''),
    queryFn: () => apiGet<Audience>(audiencePath(org, id ?? '')),
    enabled: !!id,
  });
}

export function useSaveAudience(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AudienceInput }) =>
      id
        ? api<Audience>('PATCH', audiencePath(org, id), input)
        : api<Audience>('POST', audiencesPath(org), input),
    onSuccess: (audience) => {
      client.setQueryData(strategyKeys.audience(org, audience.id), audience);
      void client.invalidateQueries({ queryKey: strategyKeys.audiences(org) });
      void client.invalidateQueries({ queryKey: strategyKeys.matrix(org) });
    },
  });
}

export function useArchiveAudience(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived
        ? api<null>('DELETE', audiencePath(org, id))
        : api<Audience>(
            'POST',
            apiPath('/api/v1/orgs/{org_slug}/audiences/{id}/restore', { org_slug: org, id }),
          ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: strategyKeys.audiences(org) });
      void client.invalidateQueries({ queryKey: strategyKeys.matrix(org) });
    },
  });
}

// ---- grants (admins) -------------------------------------------------------------------

const grantsPath = (org: string, kind: GrantKind, id: string) =>
  kind === 'roles'
    ? apiPath('/api/v1/orgs/{org_slug}/roles/{id}/grants', { org_slug: org, id })
    : apiPath('/api/v1/orgs/{org_slug}/audiences/{id}/grants', { org_slug: org, id });

export function useGrants(org: string, kind: GrantKind, id: string) {
  return useQuery({
    queryKey: strategyKeys.grants(org, kind, id),
    queryFn: () => apiGet<GrantList>(grantsPath(org, kind, id)),
  });
}

export function useGrantChange(org: string, kind: GrantKind, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ member, remove }: { member: string; remove?: boolean }) => {
      if (!remove) return api<GrantList>('POST', grantsPath(org, kind, id), { member });
      const path =
        kind === 'roles'
          ? apiPath('/api/v1/orgs/{org_slug}/roles/{id}/grants/{member_id}', {
              org_slug: org,
              id,
              member_id: member,
            })
          : apiPath('/api/v1/orgs/{org_slug}/audiences/{id}/grants/{member_id}', {
              org_slug: org,
              id,
              member_id: member,
            });
      return api<null>('DELETE', path);
    },
    onSettled: () => client.invalidateQueries({ queryKey: strategyKeys.grants(org, kind, id) }),
  });
}

/** Members for pickers: admins and comms leads get full rows, others names only. */
export function useMemberPicker(org: string, enabled = true) {
  return useQuery({
    queryKey: strategyKeys.memberPicker(org),
    queryFn: () =>
      apiGet<Paginated<MemberSummary>>(
        apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug: org }) +
          query({ page_size: PICKER_PAGE_SIZE, is_active: 'true' }),
      ),
    enabled,
  });
}

/** The organisation's enabled networks (what "every network" means for a role). */
export function useEnabledNetworks(org: string) {
  return useQuery({
    queryKey: strategyKeys.org(org),
    queryFn: () =>
      apiGet<{ settings: { networks_enabled?: Network[] } }>(
        apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org }),
      ),
    select: (data) => data.settings.networks_enabled ?? [],
  });
}

// ---- the role x audience matrix --------------------------------------------------------

export function useMatrix(org: string) {
  return useQuery({
    queryKey: strategyKeys.matrix(org),
    queryFn: () =>
      apiGet<Matrix>(apiPath('/api/v1/orgs/{org_slug}/role-audiences/matrix', { org_slug: org })),
  });
}

export const roleAudiencesPath = (org: string) =>
  apiPath('/api/v1/orgs/{org_slug}/role-audiences/', { org_slug: org });

export const roleAudiencePath = (org: string, id: string) =>
  apiPath('/api/v1/orgs/{org_slug}/role-audiences/{id}/', { org_slug: org, id });

export const createMapping = (
  org: string,
  input: { role: string; audience: string; level: EngagementLevel },
) => api<RoleAudience>('POST', roleAudiencesPath(org), input);

export const updateMapping = (org: string, id: string, level: EngagementLevel) =>
  api<RoleAudience>('PATCH', roleAudiencePath(org, id), { level });

export const deleteMapping = (org: string, id: string) =>
  api<null>('DELETE', roleAudiencePath(org, id));

// ---- reserved relationships ------------------------------------------------------------

const reservedPath = (org: string) =>
  apiPath('/api/v1/orgs/{org_slug}/reserved-relationships/', { org_slug: org });

export function useReservedRelationships(org: string, page: number) {
  return useQuery({
    queryKey: strategyKeys.reservedList(org, page),
    queryFn: () =>
      apiGet<Paginated<ReservedRelationship>>(
        reservedPath(org) + query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveReserved(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ReservedRelationshipInput }) =>
      id
        ? api<ReservedRelationship>(
            'PATCH',
            apiPath('/api/v1/orgs/{org_slug}/reserved-relationships/{id}/', {
              org_slug: org,
              id,
            }),
            input,
          )
        : api<ReservedRelationship>('POST', reservedPath(org), input),
    onSuccess: () => client.invalidateQueries({ queryKey: strategyKeys.reserved(org) }),
  });
}

export function useDeleteReserved(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(
        'DELETE',
        apiPath('/api/v1/orgs/{org_slug}/reserved-relationships/{id}/', { org_slug: org, id }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: strategyKeys.reserved(org) }),
  });
}

export function useReservedCheck(org: string, network: Network, text: string) {
  return useQuery({
    queryKey: ['org', org, 'reserved-check', network, text] as const,
    queryFn: () =>
      api<ReservedCheck>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/reserved-relationships/check', { org_slug: org }),
        { network, text },
      ),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
  });
}

import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';

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

/** Grants exist on the same two kinds of object. */
export type GrantKind = EntityKind;

export const strategyKeys = {
  /** Everything cached about roles (`kind` "roles") or audiences. */
  entities: (org: string, kind: EntityKind) => ['org', org, kind] as const,
  entityList: (org: string, kind: EntityKind, page: number, includeArchived: boolean) =>
    ['org', org, kind, 'list', page, includeArchived] as const,
  entity: (org: string, kind: EntityKind, id: string) => ['org', org, kind, 'one', id] as const,
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

// ---- roles and audiences: the two named, archivable strategy entities ------------------

/** Roles and audiences share one API shape: list, read, create, update, archive, restore. */
export interface EntityTypes {
  roles: Role;
  audiences: Audience;
}

export interface EntityInputs {
  roles: RoleInput;
  audiences: AudienceInput;
}

export type EntityKind = keyof EntityTypes;

const entityListPath = (org: string, kind: EntityKind) =>
  kind === 'roles' ? rolesPath(org) : audiencesPath(org);

const entityPath = (org: string, kind: EntityKind, id: string) =>
  kind === 'roles' ? rolePath(org, id) : audiencePath(org, id);

const entityRestorePath = (org: string, kind: EntityKind, id: string) =>
  kind === 'roles'
    ? apiPath('/api/v1/orgs/{org_slug}/roles/{id}/restore', { org_slug: org, id })
    : apiPath('/api/v1/orgs/{org_slug}/audiences/{id}/restore', { org_slug: org, id });

/** One page of roles or audiences, archived ones included on request. */
export function entityListQuery<K extends EntityKind>(
  org: string,
  kind: K,
  page: number,
  includeArchived: boolean,
) {
  return queryOptions({
    queryKey: strategyKeys.entityList(org, kind, page, includeArchived),
    queryFn: () =>
      apiGet<Paginated<EntityTypes[K]>>(
        entityListPath(org, kind) +
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
    queryKey: strategyKeys.entityList(org, 'roles', 0, false),
    queryFn: () => apiGet<Paginated<Role>>(rolesPath(org) + query({ page_size: PICKER_PAGE_SIZE })),
  });
}

/** One role or audience; idle while `id` is undefined (a new one). */
export function useEntity<K extends EntityKind>(org: string, kind: K, id: string | undefined) {
  return useQuery({
    queryKey: strategyKeys.entity(org, kind, id ?? ''),
    queryFn: () => apiGet<EntityTypes[K]>(entityPath(org, kind, id ?? '')),
    enabled: !!id,
  });
}

/** Creates (no `id`) or updates a role or audience; the matrix shows their names. */
export function useSaveEntity<K extends EntityKind>(org: string, kind: K) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: EntityInputs[K] }) =>
      id
        ? api<EntityTypes[K]>('PATCH', entityPath(org, kind, id), input)
        : api<EntityTypes[K]>('POST', entityListPath(org, kind), input),
    onSuccess: (saved) => {
      client.setQueryData(strategyKeys.entity(org, kind, saved.id), saved);
      void client.invalidateQueries({ queryKey: strategyKeys.entities(org, kind) });
      void client.invalidateQueries({ queryKey: strategyKeys.matrix(org) });
    },
  });
}

/** Archives (DELETE keeps history) or restores a role or audience. */
export function useArchiveEntity(org: string, kind: EntityKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      archived
        ? api<null>('DELETE', entityPath(org, kind, id))
        : api<unknown>('POST', entityRestorePath(org, kind, id)),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: strategyKeys.entities(org, kind) });
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

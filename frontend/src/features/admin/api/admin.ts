import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, query } from '@/api/client';
import type {
  AuditEvent,
  AuditVerification,
  Invitation,
  Member,
  MemberPatch,
  Organization,
  OrganizationPatch,
  OrgRole,
  Paginated,
  Role,
} from '@/api/types';

export const PAGE_SIZE = 25;

export const adminKeys = {
  org: (org: string) => ['org', org] as const,
  members: (org: string, page: number) => ['org', org, 'members', page] as const,
  invitations: (org: string, page: number) => ['org', org, 'invitations', page] as const,
  audit: (org: string, page: number) => ['org', org, 'audit', page] as const,
};

export function useOrganization(org: string) {
  return useQuery({
    queryKey: adminKeys.org(org),
    queryFn: () => apiGet<Organization>(apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org })),
  });
}

export function useUpdateOrganization(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) =>
      api<Organization>('PATCH', apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org }), patch),
    onSuccess: (updated) => {
      client.setQueryData(adminKeys.org(org), updated);
      // The organisation's name shows in the header (from /me) and the audit log grew.
      void client.invalidateQueries({ queryKey: ['me'] });
      void client.invalidateQueries({ queryKey: ['org', org, 'audit'] });
    },
  });
}

export function useMembers(org: string, page: number) {
  return useQuery({
    queryKey: adminKeys.members(org, page),
    queryFn: () =>
      apiGet<Paginated<Member>>(
        apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug: org }) +
          query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateMember(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MemberPatch }) =>
      api<Member>(
        'PATCH',
        apiPath('/api/v1/orgs/{org_slug}/members/{id}/', { org_slug: org, id }),
        patch,
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['org', org, 'roles'] }); // member counts
      void client.invalidateQueries({ queryKey: ['me'] }); // an admin may edit themselves
      return client.invalidateQueries({ queryKey: ['org', org, 'members'] });
    },
  });
}

export function useDeactivateMember(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>('DELETE', apiPath('/api/v1/orgs/{org_slug}/members/{id}/', { org_slug: org, id })),
    onSettled: () => client.invalidateQueries({ queryKey: ['org', org, 'members'] }),
  });
}

export function useInvitations(org: string, page: number) {
  return useQuery({
    queryKey: adminKeys.invitations(org, page),
    queryFn: () =>
      apiGet<Paginated<Invitation>>(
        apiPath('/api/v1/orgs/{org_slug}/invitations/', { org_slug: org }) +
          query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvitation(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; org_role: OrgRole }) =>
      api<Invitation>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/invitations/', { org_slug: org }),
        input,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['org', org, 'invitations'] }),
  });
}

export function useRevokeInvitation(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(
        'DELETE',
        apiPath('/api/v1/orgs/{org_slug}/invitations/{id}/', { org_slug: org, id }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['org', org, 'invitations'] }),
  });
}

export function useAuditLog(org: string, page: number) {
  return useQuery({
    queryKey: adminKeys.audit(org, page),
    queryFn: () =>
      apiGet<Paginated<AuditEvent>>(
        apiPath('/api/v1/orgs/{org_slug}/audit/', { org_slug: org }) +
          query({ page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit(org: string) {
  return useMutation({
    mutationFn: () =>
      apiGet<AuditVerification>(apiPath('/api/v1/orgs/{org_slug}/audit/verify', { org_slug: org })),
  });
}

/** Active advocacy roles, for assigning them to members (the API pages at most 100). */
export function useAdvocacyRoleOptions(org: string) {
  return useQuery({
    queryKey: ['org', org, 'roles', 'options'] as const,
    queryFn: () =>
      apiGet<Paginated<Role>>(
        apiPath('/api/v1/orgs/{org_slug}/roles/', { org_slug: org }) + query({ page_size: 100 }),
      ),
    select: (data) => data.results.map((role) => ({ value: role.id, label: role.name })),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, query } from '@/api/client';
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
} from '@/api/types';

export const PAGE_SIZE = 25;

const orgPath = (org: string) => `orgs/${encodeURIComponent(org)}/`;

export const adminKeys = {
  org: (org: string) => ['org', org] as const,
  members: (org: string, page: number) => ['org', org, 'members', page] as const,
  invitations: (org: string, page: number) => ['org', org, 'invitations', page] as const,
  audit: (org: string, page: number) => ['org', org, 'audit', page] as const,
};

export function useOrganization(org: string) {
  return useQuery({
    queryKey: adminKeys.org(org),
    queryFn: () => apiGet<Organization>(orgPath(org)),
  });
}

export function useUpdateOrganization(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) => api<Organization>('PATCH', orgPath(org), patch),
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
      apiGet<Paginated<Member>>(`${orgPath(org)}members/${query({ page, page_size: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateMember(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MemberPatch }) =>
      api<Member>('PATCH', `${orgPath(org)}members/${encodeURIComponent(id)}/`, patch),
    onSettled: () => client.invalidateQueries({ queryKey: ['org', org, 'members'] }),
  });
}

export function useDeactivateMember(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>('DELETE', `${orgPath(org)}members/${encodeURIComponent(id)}/`),
    onSettled: () => client.invalidateQueries({ queryKey: ['org', org, 'members'] }),
  });
}

export function useInvitations(org: string, page: number) {
  return useQuery({
    queryKey: adminKeys.invitations(org, page),
    queryFn: () =>
      apiGet<Paginated<Invitation>>(
        `${orgPath(org)}invitations/${query({ page, page_size: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateInvitation(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; org_role: OrgRole }) =>
      api<Invitation>('POST', `${orgPath(org)}invitations/`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['org', org, 'invitations'] }),
  });
}

export function useRevokeInvitation(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>('DELETE', `${orgPath(org)}invitations/${encodeURIComponent(id)}/`),
    onSettled: () => client.invalidateQueries({ queryKey: ['org', org, 'invitations'] }),
  });
}

export function useAuditLog(org: string, page: number) {
  return useQuery({
    queryKey: adminKeys.audit(org, page),
    queryFn: () =>
      apiGet<Paginated<AuditEvent>>(
        `${orgPath(org)}audit/${query({ page, page_size: PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit(org: string) {
  return useMutation({
    mutationFn: () => apiGet<AuditVerification>(`${orgPath(org)}audit/verify`),
  });
}

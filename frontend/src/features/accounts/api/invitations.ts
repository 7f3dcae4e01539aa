import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet } from '@/api/client';
import type { InvitationAccepted, InvitationPreview } from '@/api/types';

import { meKey } from './auth';

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiGet<InvitationPreview>(`invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<InvitationAccepted>('POST', `invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

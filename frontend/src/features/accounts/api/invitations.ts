import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath } from '@/api/client';
import type { InvitationAccepted, InvitationPreview } from '@/api/types';

import { meKey } from './auth';

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiGet<InvitationPreview>(apiPath('/api/v1/invitations/{token}', { token })),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<InvitationAccepted>('POST', apiPath('/api/v1/invitations/{token}/accept', { token })),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}

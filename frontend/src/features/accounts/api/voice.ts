import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath } from '@/api/client';
import type { VoiceProfile, VoiceProfileInput } from '@/api/types';

export const voiceKey = (org: string) => ['org', org, 'me', 'voice'] as const;

const voicePath = (org: string) => apiPath('/api/v1/orgs/{org_slug}/me/voice', { org_slug: org });

/** The caller's voice profile in this organisation (every field empty until saved). */
export function useVoiceProfile(org: string) {
  return useQuery({
    queryKey: voiceKey(org),
    queryFn: () => apiGet<VoiceProfile>(voicePath(org)),
  });
}

/** PUT replaces the whole profile: fields left out are emptied. */
export function useSaveVoiceProfile(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: VoiceProfileInput) => api<VoiceProfile>('PUT', voicePath(org), input),
    onSuccess: (saved) => client.setQueryData(voiceKey(org), saved),
  });
}

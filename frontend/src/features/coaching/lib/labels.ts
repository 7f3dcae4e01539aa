import type {
  AudienceSize,
  CoachingTaskKind,
  CohortInviteeStatus,
  PostingFrequency,
} from '../api/coaching';

export const AUDIENCE_SIZES: readonly { value: AudienceSize; label: string }[] = [
  { value: 'unknown', label: 'Not sure' },
  { value: 'under_100', label: 'Fewer than 100' },
  { value: '100_to_500', label: '100 to 500' },
  { value: '500_to_2000', label: '500 to 2,000' },
  { value: '2000_to_10000', label: '2,000 to 10,000' },
  { value: 'over_10000', label: 'More than 10,000' },
];

export const POSTING_FREQUENCIES: readonly { value: PostingFrequency; label: string }[] = [
  { value: 'never', label: 'Never so far' },
  { value: 'rarely', label: 'A few times a year' },
  { value: 'monthly', label: 'About monthly' },
  { value: 'weekly', label: 'About weekly' },
  { value: 'daily', label: 'Most days' },
];

export const audienceSizeLabel = (value: AudienceSize | null | undefined) =>
  AUDIENCE_SIZES.find((s) => s.value === value)?.label ?? '—';

export const postingFrequencyLabel = (value: PostingFrequency | null | undefined) =>
  POSTING_FREQUENCIES.find((f) => f.value === value)?.label ?? '—';

export const TASK_KINDS: readonly { value: CoachingTaskKind; label: string }[] = [
  { value: 'profile_summary', label: 'Complete your profile summary' },
  { value: 'follow_company', label: 'Follow the company accounts' },
  { value: 'reply_to_audience', label: 'Reply to one person in your audience' },
  { value: 'own_words_share', label: 'Share something you read, in your own words' },
  { value: 'read_policy', label: 'Read the policy update' },
  { value: 'custom', label: 'Custom task' },
];

export const taskKindLabel = (kind: CoachingTaskKind) =>
  TASK_KINDS.find((k) => k.value === kind)?.label ?? kind;

const INVITEE_STATUS: Record<CohortInviteeStatus, { label: string; color: string }> = {
  not_invited: { label: 'Not invited yet', color: 'gray' },
  pending: { label: 'Invitation pending', color: 'blue' },
  accepted: { label: 'Joined', color: 'green' },
  expired: { label: 'Invitation expired', color: 'orange' },
  revoked: { label: 'Invitation revoked', color: 'red' },
};

export const inviteeStatus = (status: CohortInviteeStatus) =>
  INVITEE_STATUS[status] ?? { label: status, color: 'gray' };

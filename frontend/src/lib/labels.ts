import type {
  EngagementLevel,
  HandleNetwork,
  InvitationStatus,
  Network,
  ObjectiveMetric,
  ObjectivePeriod,
  OrgRole,
  RolloutStage,
} from '@/api/types';

const ROLE_LABELS: Record<OrgRole, string> = {
  admin: 'Admin',
  comms_lead: 'Comms lead',
  reviewer: 'Reviewer',
  employee: 'Employee',
};

export const roleLabel = (role: OrgRole): string => ROLE_LABELS[role] ?? role;

const NETWORK_LABELS: Record<Network, string> = {
  sandbox: 'Sandbox (built in)',
  linkedin: 'LinkedIn',
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
};

export const networkLabel = (network: Network): string => NETWORK_LABELS[network] ?? network;

export const handleNetworkLabel = (network: HandleNetwork): string =>
  network === 'any' ? 'Any network' : networkLabel(network);

const METRIC_LABELS: Record<ObjectiveMetric, string> = {
  shares: 'Shares posted',
  clicks: 'Human clicks',
  unique_visitors: 'Unique visitors',
  conversations: 'Conversations',
  reactions: 'Reactions',
  reposts: 'Reposts',
};

export const metricLabel = (metric: ObjectiveMetric): string => METRIC_LABELS[metric] ?? metric;

const PERIOD_LABELS: Record<ObjectivePeriod, string> = {
  week: 'per week',
  month: 'per month',
  quarter: 'per quarter',
  year: 'per year',
};

export const periodLabel = (period: ObjectivePeriod): string => PERIOD_LABELS[period] ?? period;

const LEVEL_LABELS: Record<EngagementLevel, string> = {
  lead: 'Lead',
  support: 'Support',
  avoid: 'Avoid',
};

const LEVEL_DESCRIPTIONS: Record<EngagementLevel, string> = {
  lead: 'primary voice',
  support: 'may amplify',
  avoid: 'must not engage',
};

export const levelLabel = (level: EngagementLevel): string => LEVEL_LABELS[level] ?? level;

export const levelDescription = (level: EngagementLevel): string => LEVEL_DESCRIPTIONS[level] ?? '';

const ROLLOUT_LABELS: Record<RolloutStage, string> = {
  ambassadors_only: 'Ambassadors only',
  everyone: 'Everyone',
};

export const rolloutLabel = (stage: RolloutStage): string => ROLLOUT_LABELS[stage] ?? stage;

const STATUS_COLORS: Record<InvitationStatus, string> = {
  pending: 'blue',
  accepted: 'green',
  expired: 'gray',
  revoked: 'red',
};

export const invitationStatusColor = (status: InvitationStatus): string =>
  STATUS_COLORS[status] ?? 'gray';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

import type { InvitationStatus, Network, OrgRole, RolloutStage } from '@/api/types';

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

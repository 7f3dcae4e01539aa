// Who may do what with a content item, mirroring the API's rules so a person is only
// offered the buttons that would work: comms leads (and admins) write and submit,
// reviewers (and admins) approve and reject, both can retire live content.
import type { Approval, ApprovalStep, Content, ContentStatus, OrgRole } from '@/api/types';

export type ContentAction =
  'edit' | 'submit' | 'approve' | 'reject' | 'retire' | 'refresh_preview' | 'delete';

export const isComms = (role: OrgRole) => role === 'admin' || role === 'comms_lead';

export const isReviewer = (role: OrgRole) => role === 'admin' || role === 'reviewer';

/** The library, the review queue and everyone's suggestions: comms leads and reviewers. */
export const canReadLibrary = (role: OrgRole) => isComms(role) || isReviewer(role);

type ItemState = Pick<Content, 'status' | 'approved_version' | 'url'>;

/** The actions that make sense for an item in its status, for the caller's org role. */
export function availableActions(item: ItemState, role: OrgRole): ContentAction[] {
  const status: ContentStatus = item.status;
  const live = item.approved_version !== null && item.approved_version !== undefined;
  const out: ContentAction[] = [];
  if (isComms(role) && status !== 'retired') out.push('edit');
  if (isComms(role) && (status === 'draft' || status === 'rejected')) out.push('submit');
  if (isReviewer(role) && status === 'in_review') out.push('approve', 'reject');
  if (canReadLibrary(role) && live && status !== 'retired') out.push('retire');
  if (isComms(role) && item.url && status !== 'retired') out.push('refresh_preview');
  if (isComms(role) && !live && (status === 'draft' || status === 'rejected')) out.push('delete');
  return out;
}

/**
 * The approval step a version in review waits for: `single` without two-step approval,
 * otherwise `marketing` then `legal`, counting the approvals already given to `version`.
 */
export function nextApprovalStep(
  approvals: readonly Pick<Approval, 'version' | 'step' | 'decision'>[],
  version: number,
  twoStep: boolean,
): ApprovalStep {
  if (!twoStep) return 'single';
  const done = approvals.filter((a) => a.version === version && a.decision === 'approved');
  return done.length === 0 ? 'marketing' : 'legal';
}

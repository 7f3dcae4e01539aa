import type { ApprovalStep, ContentSource, ContentStatus, PreviewStatus } from '@/api/types';

const STATUS: Record<ContentStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  in_review: { label: 'In review', color: 'orange' },
  approved: { label: 'Approved', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
  retired: { label: 'Retired', color: 'dark' },
};

export const statusLabel = (s: ContentStatus) => STATUS[s]?.label ?? s;
export const statusColor = (s: ContentStatus) => STATUS[s]?.color ?? 'gray';

const SOURCES: Record<ContentSource, string> = {
  comms: 'Comms team',
  employee_suggestion: 'Employee suggestion',
  feed: 'Feed',
};

export const sourceLabel = (s: ContentSource) => SOURCES[s] ?? s;

const PREVIEW: Record<PreviewStatus, string> = {
  none: 'No preview',
  pending: 'Fetching preview…',
  fetched: 'Preview fetched',
  failed: 'Preview failed',
};

export const previewLabel = (s: PreviewStatus) => PREVIEW[s] ?? s;

const STEPS: Record<ApprovalStep, string> = {
  single: 'Approval',
  marketing: 'Marketing',
  legal: 'Legal',
};

export const stepLabel = (s: ApprovalStep) => STEPS[s] ?? s;

// Types of the backend's JSON, derived from the OpenAPI schema the backend commits
// (openapi/schema.yaml -> `npm run gen:api` -> generated/schema.d.ts). Where the schema
// is looser than the contract in shared/product/API.md (plain strings for enumerations,
// optional settings on output), the contract's narrower type is applied here, once.
import type { components } from './generated/schema';

type Schemas = components['schemas'];

export type OrgRole = Schemas['OrgRoleEnum'];

export const ORG_ROLES: readonly OrgRole[] = ['admin', 'comms_lead', 'reviewer', 'employee'];

export type Network = Schemas['NetworkEnum'];

export const NETWORKS: readonly Network[] = ['sandbox', 'linkedin', 'x', 'mastodon', 'bluesky'];

/** Networks a reserved relationship's handle may name; `any` matches on every network. */
export type HandleNetwork = Schemas['HandleNetworkEnum'];

export const HANDLE_NETWORKS: readonly HandleNetwork[] = [...NETWORKS, 'any'];

export type RolloutStage = Schemas['RolloutStageEnum'];

export interface Paginated<T> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: T[];
}

export type Membership = Schemas['MembershipSummary'];

export type Me = Schemas['MeOutput'];

/** The backend always sends every setting; the schema marks them optional for PATCH reuse. */
export type OrgSettings = Required<Schemas['OrganizationSettings']>;

export type Organization = Omit<Schemas['OrganizationOutput'], 'settings'> & {
  settings: OrgSettings;
};

export type OrganizationPatch = Schemas['PatchedOrganizationUpdateInputRequest'];

export type Member = Schemas['MemberOutput'];

/** What colleagues who are not admins or comms leads see of each other. */
export type MemberSummary = Pick<Member, 'id' | 'name' | 'advocacy_role_names'> &
  Partial<Omit<Member, 'id' | 'name' | 'advocacy_role_names'>>;

export type MemberPatch = Schemas['PatchedMemberUpdateInputRequest'];

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export type Invitation = Omit<Schemas['InvitationOutput'], 'status'> & {
  status: InvitationStatus;
};

export type InvitationPreview = Omit<Schemas['InvitationPreviewOutput'], 'status'> & {
  status: InvitationStatus;
};

export type InvitationAccepted = Schemas['InvitationAcceptOutput'];

export type AuditEvent = Omit<Schemas['AuditEventOutput'], 'actor_email'> & {
  /** Empty or null for events the system made (e.g. seeding). */
  actor_email: string | null;
};

export type AuditVerification = Schemas['AuditVerifyOutput'];

export type SsoProvider = Omit<Schemas['SsoDiscoveredProvider'], 'kind'> & {
  kind: 'oidc' | 'saml';
};

// Strategy: advocacy roles, audiences, the role x audience map, reserved relationships.
export type ObjectiveMetric = Schemas['ObjectiveMetricEnum'];

export const OBJECTIVE_METRICS: readonly ObjectiveMetric[] = [
  'shares',
  'clicks',
  'unique_visitors',
  'conversations',
  'reactions',
  'reposts',
];

export type ObjectivePeriod = Schemas['ObjectivePeriodEnum'];

export const OBJECTIVE_PERIODS: readonly ObjectivePeriod[] = ['week', 'month', 'quarter', 'year'];

export type Objective = Schemas['Objective'];

export type Role = Omit<Schemas['RoleOutput'], 'networks' | 'member_count'> & {
  networks: Network[];
  member_count: number | null;
};

export type RoleInput = Schemas['RoleInputRequest'];

export type Audience = Omit<Schemas['AudienceOutput'], 'networks' | 'role_count'> & {
  networks: Network[];
  role_count: number | null;
};

export type AudienceInput = Schemas['AudienceInputRequest'];

export type EngagementLevel = Schemas['EngagementLevelEnum'];

export const ENGAGEMENT_LEVELS: readonly EngagementLevel[] = ['lead', 'support', 'avoid'];

export type RoleAudience = Schemas['RoleAudienceOutput'];

export type MatrixCell = Schemas['MatrixCell'];

export type Matrix = Omit<Schemas['MatrixOutput'], 'levels'> & {
  levels: Record<string, Record<string, EngagementLevel>>;
};

export type Handle = Schemas['HandleRequest'];

export type ReservedRelationship = Omit<Schemas['ReservedRelationshipOutput'], 'handles'> & {
  handles: Handle[];
};

export type ReservedRelationshipInput = Schemas['ReservedRelationshipInputRequest'];

export type ReservedCheck = Schemas['ReservedCheckOutput'];

export type Grant = Schemas['GrantOutput'];

/** The grants endpoints answer `{results}` without pagination counts. */
export interface GrantList {
  results: Grant[];
}

export type Policy = Schemas['PolicyOutput'];

/**
 * A member's voice profile. The backend always sends every list (empty when unset); the
 * schema marks them optional because PUT may leave them out (which empties them).
 */
export type VoiceProfile = Required<Schemas['VoiceProfile']>;

export type VoiceProfileInput = Schemas['VoiceProfileRequest'];

// Content: the library and its workflow, the grid, templates, suggestions, the feed.
export type ContentStatus = Schemas['ContentStatusEnum'];

export const CONTENT_STATUSES: readonly ContentStatus[] = [
  'draft',
  'in_review',
  'approved',
  'rejected',
  'retired',
];

export type ContentSource = Schemas['SourceEnum'];

export type PreviewStatus = 'none' | 'pending' | 'fetched' | 'failed';

export type ContentPreview = Omit<Schemas['Preview'], 'status'> & { status: PreviewStatus };

export type Content = Omit<
  Schemas['ContentOutput'],
  'networks' | 'preview' | 'approved_version'
> & {
  networks: Network[];
  preview: ContentPreview;
  /** The version live in feeds; null until one was approved. */
  approved_version: number | null;
};

export type ContentInput = Schemas['ContentInputRequest'];

export type ContentVersion = Omit<Schemas['VersionOutput'], 'networks'> & {
  networks: Network[];
};

export type ApprovalStep = 'single' | 'marketing' | 'legal';

export type Approval = Omit<Schemas['ApprovalOutput'], 'step' | 'decision'> & {
  step: ApprovalStep;
  decision: 'approved' | 'rejected';
};

export interface ContentHistory {
  versions: ContentVersion[];
  approvals: Approval[];
}

export type FeedAngle = Schemas['FeedAngle'];

export type FeedCell = Schemas['FeedCell'];

/**
 * One feed item. The schema declares the feed as a plain array and the preview as a free
 * object; the backend answers a paginated `{count, next, previous, results}` and a preview
 * `{title, description, image_url}`.
 */
export type FeedItem = Omit<Schemas['FeedItem'], 'networks' | 'shared_networks' | 'preview'> & {
  networks: Network[];
  shared_networks: Network[];
  preview: { title?: string; description?: string; image_url?: string };
};

export type GridCell = Schemas['GridCellOutput'];

export type GridCellInput = Schemas['GridCellInputRequest'];

export type GridReorderInput = Schemas['GridReorderInputRequest'];

export type MessageTemplate = Schemas['TemplateOutput'];

export type MessageTemplateInput = Schemas['TemplateInputRequest'];

export type Suggestion = Omit<Schemas['SuggestionOutput'], 'status'> & { status: ContentStatus };

export type SuggestionInput = Schemas['SuggestionInputRequest'];

// Sharing: network connections, shares and their checks, the sandbox network.
export type ConnectionStatus = Schemas['ConnectionStatusEnum'];

export type Connection = Omit<Schemas['ConnectionOutput'], 'network'> & { network: Network };

/** What starting a connection needs: Mastodon `instance`; Bluesky `handle` + `app_password`. */
export type ConnectionStartInput = Schemas['StartInputRequest'];

export type ShareStatus = Schemas['ShareStatusEnum'];

export const SHARE_STATUSES: readonly ShareStatus[] = [
  'draft',
  'confirmed',
  'in_review',
  'queued',
  'posting',
  'posted',
  'failed',
  'cancelled',
  'blocked',
];

export type ShareCheck = Schemas['Check'];

export interface ShareError {
  code: string;
  detail: string;
  retryable: boolean;
  /** When a held-back share is tried again (e.g. after `rate_limited`), if the API says. */
  retry_at?: string | null;
}

/** The schema leaves `checks` and `error` as free objects; API.md names their fields. */
export type Share = Omit<Schemas['ShareOutput'], 'network' | 'checks' | 'error' | 'author'> & {
  network: Network;
  checks: ShareCheck[];
  error: ShareError | null;
  /** Shown to reviewers and admins, who see everyone's shares. */
  author?: string;
  /**
   * When the worker tries a held-back share again (rate limits, transient failures). The
   * backend stores it; the schema does not expose it yet, so it may be missing.
   */
  retry_at?: string | null;
};

export type ShareInput = Schemas['ShareCreateInputRequest'];

export type SharePreview = Schemas['SharePreviewOutput'];

export type ShareDecision = Schemas['DecisionEnum'];

export type SandboxPost = Schemas['SandboxPostOutput'];

// django-allauth headless (browser client) shapes.
export interface AllauthUser {
  id: string | number;
  email: string;
  display: string;
}

export interface AllauthFlow {
  id: string;
  is_pending?: boolean;
  provider?: unknown;
}

export interface AllauthResponse {
  status: number;
  data?: {
    user?: AllauthUser;
    flows?: AllauthFlow[];
    [key: string]: unknown;
  };
  meta?: { is_authenticated?: boolean; [key: string]: unknown };
  errors?: { message: string; code: string; param?: string }[];
}

// Hand-written types for the parts of the backend contract (shared/product/API.md) the
// shell uses. To be replaced by types generated from openapi/schema.yaml once the backend
// commits it (`npm run gen:api`).

export type OrgRole = 'admin' | 'comms_lead' | 'reviewer' | 'employee';

export const ORG_ROLES: readonly OrgRole[] = ['admin', 'comms_lead', 'reviewer', 'employee'];

export type Network = 'sandbox' | 'linkedin' | 'x' | 'mastodon' | 'bluesky';

export const NETWORKS: readonly Network[] = ['sandbox', 'linkedin', 'x', 'mastodon', 'bluesky'];

export type RolloutStage = 'ambassadors_only' | 'everyone';

export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface Membership {
  org_slug: string;
  org_name: string;
  org_role: OrgRole;
  advocacy_roles: string[];
  ambassador: boolean;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  memberships: Membership[];
}

export interface OrgSettings {
  regulated: boolean;
  default_disclaimer: string;
  networks_enabled: Network[];
  two_step_approval: boolean;
  originality_threshold: number;
  daily_share_cap: number;
  rollout_stage: RolloutStage;
}

export interface Organization {
  slug: string;
  name: string;
  settings: OrgSettings;
  created_at: string;
}

export interface OrganizationPatch {
  name?: string;
  settings?: Partial<OrgSettings>;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  org_role: OrgRole;
  advocacy_roles: string[];
  ambassador: boolean;
  is_active: boolean;
  joined_at: string;
}

export type MemberPatch = Partial<
  Pick<Member, 'org_role' | 'advocacy_roles' | 'ambassador' | 'is_active'>
>;

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export interface Invitation {
  id: string;
  email: string;
  org_role: OrgRole;
  status: InvitationStatus;
  expires_at: string;
  created_at: string;
  invited_by: string | null;
}

export interface InvitationPreview {
  org_name: string;
  org_slug: string;
  email: string;
  org_role: OrgRole;
  expires_at: string;
  status: InvitationStatus;
}

export interface InvitationAccepted {
  org_slug: string;
  org_role: OrgRole;
}

export interface AuditEvent {
  id: string;
  seq: number;
  created_at: string;
  actor_email: string | null;
  verb: string;
  object_type: string;
  object_id: string;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  events_checked: number;
}

export interface SsoProvider {
  id: string;
  name: string;
  kind: 'oidc' | 'saml';
}

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

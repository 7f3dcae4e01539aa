// Types of the backend's JSON, derived from the OpenAPI schema the backend commits
// (openapi/schema.yaml -> `npm run gen:api` -> generated/schema.d.ts). Where the schema
// is looser than the contract in shared/product/API.md (plain strings for enumerations,
// optional settings on output), the contract's narrower type is applied here, once.
import type { components } from './generated/schema';

type Schemas = components['schemas'];

export type OrgRole = Schemas['OrgRoleEnum'];

export const ORG_ROLES: readonly OrgRole[] = ['admin', 'comms_lead', 'reviewer', 'employee'];

export type Network = Schemas['NetworksEnabledEnum'];

export const NETWORKS: readonly Network[] = ['sandbox', 'linkedin', 'x', 'mastodon', 'bluesky'];

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

// Thin routes: read the URL and the organisation context, hand them to a feature page.
import { useParams, useSearchParams } from 'react-router';

import type { Membership } from '@/api/types';
import { HomePage, VoiceHints, VoiceProfilePage } from '@/features/accounts';
import {
  AuditPage,
  InvitationsPage,
  MembersPage,
  PolicyPage,
  SettingsPage,
} from '@/features/admin';
import { AnalyticsPage, ExportsPage, InsightsPage, MyResultsPage } from '@/features/analytics';
import {
  CoachingTasksPage,
  MyCoachingPage,
  MyReadinessPage,
  ReadinessOverviewPage,
  RolloutPage,
} from '@/features/coaching';
import {
  canReadLibrary,
  ContentEditorPage,
  ForYouPage,
  GridPage,
  isComms,
  isReviewer,
  LibraryPage,
  ReviewQueuePage,
  SuggestPage,
  TemplatesPage,
} from '@/features/content';
import { ComposerPage, ConnectionsPage, MySharesPage, SandboxPage } from '@/features/shares';
import {
  AudienceEditorPage,
  AudiencesPage,
  MatrixPage,
  ReservedPage,
  RoleEditorPage,
  RolesPage,
} from '@/features/strategy';

import { useOrgContext } from '../org-context';

const orgBase = (membership: Membership) => `/o/${encodeURIComponent(membership.org_slug)}`;

const shareHrefFor = (membership: Membership) => (contentId: string, network: string) =>
  `${orgBase(membership)}/share/${encodeURIComponent(contentId)}?network=${encodeURIComponent(network)}`;

export function OrgHomeRoute() {
  const { me, membership } = useOrgContext();
  return (
    <HomePage me={me} membership={membership}>
      <ForYouPage
        org={membership.org_slug}
        suggestHref={`${orgBase(membership)}/suggest`}
        shareHref={shareHrefFor(membership)}
        embedded
      />
    </HomePage>
  );
}

// ---- content ---------------------------------------------------------------------------

export function ForYouRoute() {
  const { membership } = useOrgContext();
  return (
    <ForYouPage
      org={membership.org_slug}
      suggestHref={`${orgBase(membership)}/suggest`}
      shareHref={shareHrefFor(membership)}
    />
  );
}

// ---- shares ----------------------------------------------------------------------------

export function ConnectionsRoute() {
  const { membership } = useOrgContext();
  return <ConnectionsPage org={membership.org_slug} />;
}

export function ShareRoute() {
  const { contentId = '' } = useParams();
  const [params] = useSearchParams();
  const { membership } = useOrgContext();
  return (
    <ComposerPage
      key={contentId}
      org={membership.org_slug}
      contentId={contentId}
      network={params.get('network')}
      connectionsHref={`${orgBase(membership)}/connections`}
      sharesHref={`${orgBase(membership)}/shares`}
      voiceHints={(text) => (
        <VoiceHints
          org={membership.org_slug}
          text={text}
          voiceHref={`${orgBase(membership)}/voice`}
        />
      )}
    />
  );
}

// ---- accounts --------------------------------------------------------------------------

export function VoiceRoute() {
  const { membership } = useOrgContext();
  return <VoiceProfilePage org={membership.org_slug} />;
}

export function SharesRoute() {
  const { membership } = useOrgContext();
  return (
    <MySharesPage
      org={membership.org_slug}
      canReview={isReviewer(membership.org_role)}
      connectionsHref={`${orgBase(membership)}/connections`}
      forYouHref={`${orgBase(membership)}/for-you`}
      shareHref={shareHrefFor(membership)}
    />
  );
}

export function SandboxRoute() {
  const { membership } = useOrgContext();
  return <SandboxPage org={membership.org_slug} />;
}

export function SuggestRoute() {
  const { membership } = useOrgContext();
  return (
    <SuggestPage
      org={membership.org_slug}
      seesEveryone={canReadLibrary(membership.org_role)}
      libraryPath={`${orgBase(membership)}/content`}
    />
  );
}

export function LibraryRoute() {
  const { membership } = useOrgContext();
  return (
    <LibraryPage
      org={membership.org_slug}
      role={membership.org_role}
      basePath={`${orgBase(membership)}/content`}
    />
  );
}

export function ContentRoute() {
  const { contentId } = useParams();
  const { membership } = useOrgContext();
  return (
    <ContentEditorPage
      key={contentId ?? 'new'}
      org={membership.org_slug}
      contentId={contentId}
      role={membership.org_role}
      basePath={`${orgBase(membership)}/content`}
    />
  );
}

export function ReviewQueueRoute() {
  const { membership } = useOrgContext();
  return (
    <ReviewQueuePage
      org={membership.org_slug}
      role={membership.org_role}
      basePath={`${orgBase(membership)}/content`}
    />
  );
}

export function GridRoute() {
  const { membership } = useOrgContext();
  return <GridPage org={membership.org_slug} canEdit={isComms(membership.org_role)} />;
}

export function TemplatesRoute() {
  const { membership } = useOrgContext();
  return <TemplatesPage org={membership.org_slug} canEdit={isComms(membership.org_role)} />;
}

export function SettingsRoute() {
  const { membership } = useOrgContext();
  return <SettingsPage org={membership.org_slug} />;
}

export function MembersRoute() {
  const { me, membership } = useOrgContext();
  return <MembersPage org={membership.org_slug} currentEmail={me.email} />;
}

export function InvitationsRoute() {
  const { membership } = useOrgContext();
  return <InvitationsPage org={membership.org_slug} />;
}

export function AuditRoute() {
  const { membership } = useOrgContext();
  return <AuditPage org={membership.org_slug} />;
}

/** Admins and comms leads write the strategy; everyone else reads it. */
export const canEditStrategy = (membership: Membership) =>
  membership.org_role === 'admin' || membership.org_role === 'comms_lead';

function useStrategyProps() {
  const { membership } = useOrgContext();
  return {
    org: membership.org_slug,
    canEdit: canEditStrategy(membership),
    isAdmin: membership.org_role === 'admin',
    basePath: `/o/${encodeURIComponent(membership.org_slug)}/strategy`,
  };
}

export function RolesRoute() {
  const { org, canEdit, basePath } = useStrategyProps();
  return <RolesPage org={org} canEdit={canEdit} basePath={basePath} />;
}

export function RoleRoute() {
  const { roleId } = useParams();
  const props = useStrategyProps();
  return <RoleEditorPage key={roleId ?? 'new'} {...props} roleId={roleId} />;
}

export function AudiencesRoute() {
  const { org, canEdit, basePath } = useStrategyProps();
  return <AudiencesPage org={org} canEdit={canEdit} basePath={basePath} />;
}

export function AudienceRoute() {
  const { audienceId } = useParams();
  const props = useStrategyProps();
  return <AudienceEditorPage key={audienceId ?? 'new'} {...props} audienceId={audienceId} />;
}

export function MatrixRoute() {
  const { org, canEdit, basePath } = useStrategyProps();
  return (
    <MatrixPage
      org={org}
      canEdit={canEdit}
      rolesHref={`${basePath}/roles`}
      audiencesHref={`${basePath}/audiences`}
    />
  );
}

export function ReservedRoute() {
  const { org, canEdit } = useStrategyProps();
  return <ReservedPage org={org} canEdit={canEdit} />;
}

export function PolicyRoute() {
  const { membership } = useOrgContext();
  return <PolicyPage org={membership.org_slug} isAdmin={membership.org_role === 'admin'} />;
}

// ---- analytics, coaching and the rollout ------------------------------------------------

export function MyCoachingRoute() {
  const { membership } = useOrgContext();
  return <MyCoachingPage org={membership.org_slug} />;
}

export function MyReadinessRoute() {
  const { membership } = useOrgContext();
  return (
    <MyReadinessPage
      org={membership.org_slug}
      connectionsHref={`${orgBase(membership)}/connections`}
    />
  );
}

export function MyResultsRoute() {
  const { me, membership } = useOrgContext();
  return (
    <MyResultsPage
      org={membership.org_slug}
      email={me.email}
      seesEveryone={canEditStrategy(membership)}
      analyticsHref={`${orgBase(membership)}/analytics`}
    />
  );
}

export function AnalyticsRoute() {
  const { membership } = useOrgContext();
  return <AnalyticsPage org={membership.org_slug} />;
}

export function InsightsRoute() {
  const { membership } = useOrgContext();
  return <InsightsPage org={membership.org_slug} />;
}

export function ExportsRoute() {
  const { membership } = useOrgContext();
  return <ExportsPage org={membership.org_slug} />;
}

export function RolloutRoute() {
  const { membership } = useOrgContext();
  return (
    <RolloutPage
      org={membership.org_slug}
      canChangeStage={membership.org_role === 'admin' || membership.org_role === 'comms_lead'}
      settingsHref={`${orgBase(membership)}/admin/settings`}
    />
  );
}

export function ReadinessOverviewRoute() {
  const { membership } = useOrgContext();
  return <ReadinessOverviewPage org={membership.org_slug} />;
}

export function CoachingTasksRoute() {
  const { membership } = useOrgContext();
  return <CoachingTasksPage org={membership.org_slug} />;
}

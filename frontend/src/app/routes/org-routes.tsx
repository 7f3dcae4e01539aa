// Thin routes: read the URL and the organisation context, hand them to a feature page.
// Each feature's pages load on first use (one chunk per feature), so the first screen
// downloads only the shell and the accounts pages (scripts/bundle-size.mjs keeps it small).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { useParams, useSearchParams } from 'react-router';

import type { Membership } from '@/api/types';
import { HomePage, VoiceHints, VoiceProfilePage } from '@/features/accounts';
import { canReadLibrary, isComms, isReviewer } from '@/features/content/shell';

import { useOrgContext } from '../org-context';

/** A named export of a feature module, loaded when first rendered. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

const admin = () => import('@/features/admin');
const analytics = () => import('@/features/analytics');
const coaching = () => import('@/features/coaching');
const content = () => import('@/features/content');
const shares = () => import('@/features/shares');
const strategy = () => import('@/features/strategy');

const AuditPage = lazyPage(admin, 'AuditPage');
const InvitationsPage = lazyPage(admin, 'InvitationsPage');
const MembersPage = lazyPage(admin, 'MembersPage');
const PolicyPage = lazyPage(admin, 'PolicyPage');
const SettingsPage = lazyPage(admin, 'SettingsPage');
const AnalyticsPage = lazyPage(analytics, 'AnalyticsPage');
const ExportsPage = lazyPage(analytics, 'ExportsPage');
const InsightsPage = lazyPage(analytics, 'InsightsPage');
const MyResultsPage = lazyPage(analytics, 'MyResultsPage');
const CoachingTasksPage = lazyPage(coaching, 'CoachingTasksPage');
const MyCoachingPage = lazyPage(coaching, 'MyCoachingPage');
const MyReadinessPage = lazyPage(coaching, 'MyReadinessPage');
const ReadinessOverviewPage = lazyPage(coaching, 'ReadinessOverviewPage');
const RolloutPage = lazyPage(coaching, 'RolloutPage');
const ContentEditorPage = lazyPage(content, 'ContentEditorPage');
const ForYouPage = lazyPage(content, 'ForYouPage');
const GridPage = lazyPage(content, 'GridPage');
const LibraryPage = lazyPage(content, 'LibraryPage');
const ReviewQueuePage = lazyPage(content, 'ReviewQueuePage');
const SuggestPage = lazyPage(content, 'SuggestPage');
const TemplatesPage = lazyPage(content, 'TemplatesPage');
const ComposerPage = lazyPage(shares, 'ComposerPage');
const ConnectionsPage = lazyPage(shares, 'ConnectionsPage');
const MySharesPage = lazyPage(shares, 'MySharesPage');
const SandboxPage = lazyPage(shares, 'SandboxPage');
const AudienceEditorPage = lazyPage(strategy, 'AudienceEditorPage');
const AudiencesPage = lazyPage(strategy, 'AudiencesPage');
const MatrixPage = lazyPage(strategy, 'MatrixPage');
const ReservedPage = lazyPage(strategy, 'ReservedPage');
const RoleEditorPage = lazyPage(strategy, 'RoleEditorPage');
const RolesPage = lazyPage(strategy, 'RolesPage');

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

import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';

import {
  CreateOrgPage,
  InvitationPage,
  LoginPage,
  PasswordResetPage,
  PasswordResetRequestPage,
  SignupPage,
  VerifyEmailPage,
} from '@/features/accounts';

import { RedirectIfAuthenticated, RequireAuth, RequireOrgRole } from './guards';
import { NotFoundPage } from './routes/NotFoundPage';
import {
  AnalyticsRoute,
  AudienceRoute,
  AudiencesRoute,
  AuditRoute,
  CoachingTasksRoute,
  ExportsRoute,
  InsightsRoute,
  MyCoachingRoute,
  MyReadinessRoute,
  MyResultsRoute,
  ReadinessOverviewRoute,
  RolloutRoute,
  ConnectionsRoute,
  ContentRoute,
  ForYouRoute,
  GridRoute,
  InvitationsRoute,
  LibraryRoute,
  MatrixRoute,
  MembersRoute,
  OrgHomeRoute,
  PolicyRoute,
  ReservedRoute,
  ReviewQueueRoute,
  RoleRoute,
  RolesRoute,
  SandboxRoute,
  SettingsRoute,
  ShareRoute,
  SharesRoute,
  SuggestRoute,
  TemplatesRoute,
  VoiceRoute,
} from './routes/org-routes';
import { RootRedirect } from './routes/RootRedirect';
import { OrgLayout } from './shell/OrgLayout';

const adminOnly = (element: ReactNode) => (
  <RequireOrgRole roles={['admin']}>{element}</RequireOrgRole>
);

const strategyEditors = (element: ReactNode) => (
  <RequireOrgRole roles={['admin', 'comms_lead']}>{element}</RequireOrgRole>
);

const libraryReaders = (element: ReactNode) => (
  <RequireOrgRole roles={['admin', 'comms_lead', 'reviewer']}>{element}</RequireOrgRole>
);

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <RedirectIfAuthenticated>
            <LoginPage />
          </RedirectIfAuthenticated>
        }
      />
      <Route
        path="/signup"
        element={
          <RedirectIfAuthenticated>
            <SignupPage />
          </RedirectIfAuthenticated>
        }
      />
      <Route path="/account/verify-email/:key" element={<VerifyEmailPage />} />
      <Route path="/account/password/reset" element={<PasswordResetRequestPage />} />
      <Route path="/account/password/reset/key/:key" element={<PasswordResetPage />} />
      <Route path="/invitations/:token" element={<InvitationPage />} />

      <Route
        path="/"
        element={
          <RequireAuth>
            <RootRedirect />
          </RequireAuth>
        }
      />
      <Route
        path="/orgs/new"
        element={
          <RequireAuth>
            <CreateOrgPage />
          </RequireAuth>
        }
      />
      <Route
        path="/o/:org"
        element={
          <RequireAuth>
            <OrgLayout />
          </RequireAuth>
        }
      >
        <Route index element={<OrgHomeRoute />} />
        <Route path="policy" element={<PolicyRoute />} />
        <Route path="for-you" element={<ForYouRoute />} />
        <Route path="suggest" element={<SuggestRoute />} />
        <Route path="voice" element={<VoiceRoute />} />
        <Route path="connections" element={<ConnectionsRoute />} />
        <Route path="share/:contentId" element={<ShareRoute />} />
        <Route path="shares" element={<SharesRoute />} />
        <Route path="sandbox" element={<SandboxRoute />} />
        <Route path="content" element={libraryReaders(<LibraryRoute />)} />
        <Route path="content/new" element={strategyEditors(<ContentRoute />)} />
        <Route path="content/review" element={libraryReaders(<ReviewQueueRoute />)} />
        <Route path="content/grid" element={<GridRoute />} />
        <Route path="content/templates" element={<TemplatesRoute />} />
        <Route path="content/:contentId" element={libraryReaders(<ContentRoute />)} />
        <Route path="strategy/roles" element={<RolesRoute />} />
        <Route path="strategy/roles/new" element={strategyEditors(<RoleRoute />)} />
        <Route path="strategy/roles/:roleId" element={<RoleRoute />} />
        <Route path="strategy/audiences" element={<AudiencesRoute />} />
        <Route path="strategy/audiences/new" element={strategyEditors(<AudienceRoute />)} />
        <Route path="strategy/audiences/:audienceId" element={<AudienceRoute />} />
        <Route path="strategy/matrix" element={<MatrixRoute />} />
        <Route path="strategy/reserved" element={<ReservedRoute />} />
        <Route path="admin/settings" element={adminOnly(<SettingsRoute />)} />
        <Route path="admin/members" element={adminOnly(<MembersRoute />)} />
        <Route path="admin/invitations" element={adminOnly(<InvitationsRoute />)} />
        <Route path="admin/audit" element={adminOnly(<AuditRoute />)} />
        <Route path="admin/exports" element={adminOnly(<ExportsRoute />)} />
        <Route path="my/coaching" element={<MyCoachingRoute />} />
        <Route path="my/readiness" element={<MyReadinessRoute />} />
        <Route path="my/results" element={<MyResultsRoute />} />
        <Route path="analytics" element={strategyEditors(<AnalyticsRoute />)} />
        <Route path="insights" element={strategyEditors(<InsightsRoute />)} />
        <Route path="rollout" element={strategyEditors(<RolloutRoute />)} />
        <Route path="rollout/readiness" element={strategyEditors(<ReadinessOverviewRoute />)} />
        <Route path="rollout/coaching-tasks" element={strategyEditors(<CoachingTasksRoute />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

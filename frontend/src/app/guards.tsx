import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';

import type { OrgRole } from '@/api/types';
import { ErrorState, LoadingState } from '@/components/PageState';
import { useSession } from '@/features/accounts';
import { safeNext } from '@/lib/forms';

import { useOrgContext } from './org-context';
import { NoAccessPage } from './routes/NoAccessPage';

/** Sends people who are not logged in to the login page, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState label="Checking your session…" />;
  if (session.error) {
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data.user) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return children;
}

/** Keeps logged-in people away from the login and signup pages. */
export function RedirectIfAuthenticated({ children }: { children: ReactNode }) {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.isPending) return <LoadingState />;
  if (session.data?.user) return <Navigate to={safeNext(params.get('next'))} replace />;
  return children;
}

/**
 * Renders its children only for the given organisation roles. The API refuses these
 * calls anyway; this guard is so a person who follows a link sees a clear page instead
 * of a failing form.
 */
export function RequireOrgRole({ roles, children }: { roles: OrgRole[]; children: ReactNode }) {
  const { membership } = useOrgContext();
  if (!roles.includes(membership.org_role)) return <NoAccessPage />;
  return children;
}

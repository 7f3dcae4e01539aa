import { Navigate } from 'react-router';

import { ErrorState, LoadingState } from '@/components/PageState';
import { useMe } from '@/features/accounts';

/** `/` goes to the person's first organisation, or to creating one when they have none. */
export function RootRedirect() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const first = me.data.memberships[0];
  if (!first) return <Navigate to="/orgs/new" replace />;
  return <Navigate to={`/o/${encodeURIComponent(first.org_slug)}`} replace />;
}

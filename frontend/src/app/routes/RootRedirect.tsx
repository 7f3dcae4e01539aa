import { Navigate, useSearchParams } from 'react-router';

import { ErrorState, LoadingState } from '@/components/PageState';
import { useMe } from '@/features/accounts';

/**
 * `/` goes to the person's first organisation, or to creating one when they have none. A
 * failed network connection lands here with `?connect_error=`: it goes on to Connections.
 */
export function RootRedirect() {
  const me = useMe();
  const [params] = useSearchParams();
  const connectError = params.get('connect_error');
  if (me.isPending) return <LoadingState />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const first = me.data.memberships[0];
  if (!first) return <Navigate to="/orgs/new" replace />;
  const base = `/o/${encodeURIComponent(first.org_slug)}`;
  if (connectError) {
    return (
      <Navigate
        to={`${base}/connections?${new URLSearchParams({ connect_error: connectError })}`}
        replace
      />
    );
  }
  return <Navigate to={base} replace />;
}

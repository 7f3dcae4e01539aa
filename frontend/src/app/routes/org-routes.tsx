// Thin routes: read the URL and the organisation context, hand them to a feature page.
import { HomePage } from '@/features/accounts';
import { AuditPage, InvitationsPage, MembersPage, SettingsPage } from '@/features/admin';

import { useOrgContext } from '../org-context';

export function OrgHomeRoute() {
  const { me, membership } = useOrgContext();
  return <HomePage me={me} membership={membership} />;
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

import { Anchor, AppShell, Burger, Divider, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';

import { ErrorState, LoadingState } from '@/components/PageState';
import { useMe } from '@/features/accounts';
import { PolicyBanner } from '@/features/admin/shell';
import { canReadLibrary } from '@/features/content/shell';
import { ConnectionsReminder } from '@/features/shares/shell';

import { OrgContext } from '../org-context';
import { NotFoundPage } from '../routes/NotFoundPage';

import { OrgSwitcher } from './OrgSwitcher';
import { UserMenu } from './UserMenu';

const STRATEGY_LINKS = [
  { to: 'strategy/roles', label: 'Roles' },
  { to: 'strategy/audiences', label: 'Audiences' },
  { to: 'strategy/matrix', label: 'Matrix' },
  { to: 'strategy/reserved', label: 'Reserved relationships' },
];

const CONTENT_LINKS = [
  { to: 'content', label: 'Library', exact: true },
  { to: 'content/review', label: 'Review queue' },
  { to: 'content/grid', label: 'Grid' },
  { to: 'content/templates', label: 'Templates' },
];

/** Members who do not see the library still read the grid and templates. */
const MEMBER_CONTENT_LINKS = [
  { to: 'content/grid', label: 'Content grid' },
  { to: 'content/templates', label: 'Templates' },
];

const ADMIN_LINKS = [
  { to: 'admin/settings', label: 'Settings' },
  { to: 'admin/members', label: 'Members' },
  { to: 'admin/invitations', label: 'Invitations' },
  { to: 'admin/audit', label: 'Audit log' },
  { to: 'admin/exports', label: 'Exports' },
];

/** Everyone's own coaching, readiness and results. */
const MY_GROWTH_LINKS = [
  { to: 'my/coaching', label: 'My coaching' },
  { to: 'my/readiness', label: 'My readiness' },
  { to: 'my/results', label: 'My results' },
];

/** Admins and comms leads: results across the organisation, and the rollout. */
const ROLLOUT_LINKS = [
  { to: 'analytics', label: 'Analytics' },
  { to: 'insights', label: 'Insights' },
  { to: 'rollout', label: 'Rollout', exact: true },
  { to: 'rollout/readiness', label: 'Readiness' },
  { to: 'rollout/coaching-tasks', label: 'Coaching tasks' },
];

export function OrgLayout() {
  const { org = '' } = useParams();
  const location = useLocation();
  const me = useMe();
  const [navOpened, nav] = useDisclosure(false);

  // On a phone the menu covers the page: close it once a link was followed.
  useEffect(() => nav.close(), [location.pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  if (me.isPending) return <LoadingState />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const membership = me.data.memberships.find((m) => m.org_slug === org);
  if (!membership) {
    return (
      <NotFoundPage
        title="Organisation not found"
        message="It does not exist, or you are not a member of it."
      />
    );
  }

  const base = `/o/${encodeURIComponent(org)}`;
  const isAdmin = membership.org_role === 'admin';
  const readsLibrary = canReadLibrary(membership.org_role);
  const runsRollout = isAdmin || membership.org_role === 'comms_lead';
  const link = (to: string, label: string, exact = false) => {
    const href = to ? `${base}/${to}` : base;
    const active =
      location.pathname === href ||
      location.pathname === `${href}/` ||
      (to !== '' && !exact && location.pathname.startsWith(`${href}/`));
    return (
      <NavLink
        key={href}
        component={Link}
        to={href}
        label={label}
        active={active}
        aria-current={active ? 'page' : undefined}
      />
    );
  };

  return (
    <OrgContext.Provider value={{ me: me.data, membership }}>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
              />
              <Anchor
                component={Link}
                to={base}
                fw={700}
                c="blue.8"
                underline="never"
                visibleFrom="xs"
              >
                Advocacy
              </Anchor>
              <OrgSwitcher memberships={me.data.memberships} current={org} />
            </Group>
            <UserMenu me={me.data} voiceHref={`${base}/voice`} />
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav">
          <ScrollArea>
            {link('', 'Home')}
            {link('for-you', 'For you')}
            {link('shares', 'My shares')}
            {link('voice', 'My voice')}
            {link('connections', 'Connections')}
            {link('sandbox', 'Sandbox')}
            {link('suggest', 'Suggest')}
            {link('policy', 'Policy')}
            {MY_GROWTH_LINKS.map((item) => link(item.to, item.label))}
            {readsLibrary && (
              <div data-testid="content-nav">
                <Divider my="sm" />
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  Content
                </Text>
                {CONTENT_LINKS.map((item) => link(item.to, item.label, item.exact))}
              </div>
            )}
            <div data-testid="strategy-nav">
              <Divider my="sm" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                Strategy
              </Text>
              {STRATEGY_LINKS.map((item) => link(item.to, item.label))}
              {!readsLibrary && MEMBER_CONTENT_LINKS.map((item) => link(item.to, item.label))}
            </div>
            {runsRollout && (
              <div data-testid="rollout-nav">
                <Divider my="sm" />
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  Results and rollout
                </Text>
                {ROLLOUT_LINKS.map((item) => link(item.to, item.label, item.exact))}
              </div>
            )}
            {isAdmin && (
              <div data-testid="admin-nav">
                <Divider my="sm" />
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  Administration
                </Text>
                {ADMIN_LINKS.map((item) => link(item.to, item.label))}
              </div>
            )}
          </ScrollArea>
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          {!location.pathname.startsWith(`${base}/policy`) && (
            <PolicyBanner org={org} policyHref={`${base}/policy`} />
          )}
          {/* The Connections page shows its own reminder, with Reconnect buttons. */}
          {!location.pathname.startsWith(`${base}/connections`) && (
            <ConnectionsReminder org={org} connectionsHref={`${base}/connections`} />
          )}
          {/* Feature pages load on first use (org-routes.tsx). */}
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </OrgContext.Provider>
  );
}

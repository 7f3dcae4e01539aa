import { Alert, Anchor, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';

import { useOwnMemberId, useSummary } from '../api/analytics';
import { PERSONAL_GROUPS } from '../lib/metrics';
import { useDashboardParams, useRangeParam } from '../lib/params';
import { formatRange, type DateRange } from '../lib/range';

import { ClicksPerDaySection } from './ClicksPerDay';
import { DateRangeForm } from './DateRangeForm';
import { MyProgressSection } from './MyProgressSection';
import { SummarySection } from './SummarySection';
import { SummaryTable } from './SummaryTable';

const DESCRIPTION =
  'What your own shares brought: conversations and clicks first. Nobody is ranked, and there are no points.';

/**
 * "My results". When the organisation turned the private "my progress" view on, the page
 * ends with the member's own part of their roles' objectives (`MyProgressSection`).
 * For most members the summary endpoint answers with their own shares only,
 * so the whole dashboard applies. Admins and comms leads get the organisation from that
 * endpoint; for them this page picks out their own row (see `OwnRow`).
 */
export function MyResultsPage({
  org,
  email,
  seesEveryone,
  analyticsHref,
}: {
  org: string;
  email: string;
  /** Admins and comms leads: the summary endpoint answers for the whole organisation. */
  seesEveryone: boolean;
  analyticsHref?: string;
}) {
  return seesEveryone ? (
    <OwnRowResults org={org} email={email} analyticsHref={analyticsHref} />
  ) : (
    <PersonalDashboard org={org} />
  );
}

function PersonalDashboard({ org }: { org: string }) {
  const { range, groupBy, setRange, setGroupBy } = useDashboardParams(PERSONAL_GROUPS);
  return (
    <>
      <PageHeader title="My results" description={DESCRIPTION} />
      <DateRangeForm key={`${range.from}:${range.to}`} value={range} onChange={setRange} />
      <ClicksPerDaySection org={org} range={range} />
      <SummarySection
        org={org}
        range={range}
        groupBy={groupBy}
        groups={PERSONAL_GROUPS}
        onGroupChange={setGroupBy}
        emptyHint="Share something from For you, in your own words, and come back in a few days."
      />
      <MyProgressSection org={org} />
    </>
  );
}

function OwnRowResults({
  org,
  email,
  analyticsHref,
}: {
  org: string;
  email: string;
  analyticsHref?: string;
}) {
  const { range, setRange } = useRangeParam();
  return (
    <>
      <PageHeader title="My results" description={DESCRIPTION} />
      <DateRangeForm key={`${range.from}:${range.to}`} value={range} onChange={setRange} />
      <Title order={2} size="h3" mb="xs">
        My shares, {formatRange(range)}
      </Title>
      <OwnRow org={org} email={email} range={range} />
      <Alert color="blue" variant="light" mt="lg" title="Only your totals here">
        <Text size="sm">
          As an admin or comms lead you see the whole organisation’s results, so this page shows
          your own totals only.{' '}
          {analyticsHref && (
            <>
              The breakdown by content, audience and day is on the{' '}
              <Anchor component={Link} to={analyticsHref}>
                Analytics
              </Anchor>{' '}
              page.
            </>
          )}
        </Text>
      </Alert>
      <MyProgressSection org={org} />
    </>
  );
}

function OwnRow({ org, email, range }: { org: string; email: string; range: DateRange }) {
  const memberId = useOwnMemberId(org, email, true);
  const byMember = useSummary(org, 'member', range);

  if (memberId.isPending || byMember.isPending) return <LoadingState />;
  if (memberId.error || byMember.error) {
    return (
      <ErrorState
        error={memberId.error ?? byMember.error}
        onRetry={() => {
          void memberId.refetch();
          void byMember.refetch();
        }}
      />
    );
  }
  if (!memberId.data) {
    return (
      <EmptyState title="Your membership was not found">
        Reload the page; if this stays, ask an admin to check your membership.
      </EmptyState>
    );
  }
  const own = byMember.data.results.find((row) => row.key === memberId.data);
  if (!own) {
    return (
      <EmptyState title="Nothing in these days">
        {`None of your shares was posted, clicked or talked about between ${formatRange(range)}.`}
      </EmptyState>
    );
  }
  return (
    <SummaryTable
      groupBy="member"
      rows={[own]}
      range={{ from: byMember.data.from, to: byMember.data.to }}
    />
  );
}

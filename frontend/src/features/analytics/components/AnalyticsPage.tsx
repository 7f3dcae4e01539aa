import { Divider } from '@mantine/core';

import { PageHeader } from '@/components/PageHeader';

import { ORGANISATION_GROUPS } from '../lib/metrics';
import { useDashboardParams } from '../lib/params';

import { ClicksPerDaySection } from './ClicksPerDay';
import { DateRangeForm } from './DateRangeForm';
import { ObjectivesSection } from './ObjectivesSection';
import { SummarySection } from './SummarySection';

/** The organisation's dashboard, for admins and comms leads. */
export function AnalyticsPage({ org }: { org: string }) {
  const { range, groupBy, setRange, setGroupBy } = useDashboardParams(ORGANISATION_GROUPS);

  return (
    <>
      <PageHeader
        title="Analytics"
        description="Conversations and clicks from the people your advocates reach, per content, role, audience, person, network and day."
      />
      <DateRangeForm key={`${range.from}:${range.to}`} value={range} onChange={setRange} />
      <ClicksPerDaySection org={org} range={range} />
      <SummarySection
        org={org}
        range={range}
        groupBy={groupBy}
        groups={ORGANISATION_GROUPS}
        onGroupChange={setGroupBy}
        emptyHint="Try a longer range."
      />
      <Divider my="xl" />
      <ObjectivesSection org={org} />
    </>
  );
}

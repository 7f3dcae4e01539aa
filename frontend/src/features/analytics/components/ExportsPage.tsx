import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';

import { PageHeader } from '@/components/PageHeader';

import { exportHref, type ExportKind } from '../api/analytics';
import { useRangeParam } from '../lib/params';
import { formatRange, rangeProblem } from '../lib/range';

import { DateRangeForm } from './DateRangeForm';

const EXPORTS: readonly { kind: ExportKind; title: string; format: string; description: string }[] =
  [
    {
      kind: 'analytics.csv',
      title: 'Analytics',
      format: 'CSV',
      description:
        'Every share posted in the range with its figures to date. Clicks count people only; bot hits are a column of their own.',
    },
    {
      kind: 'archive.csv',
      title: 'Compliance archive',
      format: 'CSV',
      description:
        'Every posted share with its exact text, network, time, external link, content version, approval chain and confirmation.',
    },
    {
      kind: 'archive.jsonl',
      title: 'Compliance archive',
      format: 'JSON Lines',
      description:
        'The same archive, one JSON object per posted share, for records systems and scripts.',
    },
  ];

/**
 * Downloads for admins. Plain links: the browser sends the session cookie and saves the
 * file itself, however large. A download cannot show the API's error, so the range is
 * checked here first.
 */
export function ExportsPage({ org }: { org: string }) {
  const { range, setRange } = useRangeParam();
  const problem = rangeProblem(range);

  return (
    <>
      <PageHeader
        title="Exports"
        description="Download analytics and the compliance archive for a range of days. Days follow the organisation’s time zone."
      />
      <DateRangeForm
        key={`${range.from}:${range.to}`}
        value={range}
        onChange={setRange}
        label="Days to export"
        submitLabel="Use these days"
      />
      {problem ? (
        <Alert color="red" role="alert" title="These days cannot be exported" mb="md">
          {problem}
        </Alert>
      ) : (
        <Text mb="md" aria-live="polite">
          Exporting {formatRange(range)}.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {EXPORTS.map((item) => {
          const name = `${item.title} (${item.format})`;
          return (
            <Card key={item.kind} withBorder component="article" aria-label={name}>
              <Stack gap="xs" h="100%" justify="space-between">
                <div>
                  <Title order={2} size="h4">
                    {item.title}
                  </Title>
                  <Text size="sm" c="dimmed" mb={4}>
                    {item.format} · {item.kind}
                  </Text>
                  <Text size="sm">{item.description}</Text>
                </div>
                <Group>
                  {problem ? (
                    <Button disabled>Download {item.format}</Button>
                  ) : (
                    <Button
                      component="a"
                      href={exportHref(org, item.kind, range)}
                      download
                      aria-label={`Download ${name} for ${formatRange(range)}`}
                    >
                      Download
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </>
  );
}

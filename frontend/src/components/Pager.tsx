import { Group, Pagination, Text } from '@mantine/core';

/** Page controls for a `{count, results}` list; hidden when everything fits one page. */
export function Pager({
  page,
  count,
  pageSize,
  onChange,
  label,
}: {
  page: number;
  count: number;
  pageSize: number;
  onChange: (page: number) => void;
  label: string;
}) {
  const total = Math.max(1, Math.ceil(count / pageSize));
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {count} {count === 1 ? 'entry' : 'entries'}
      </Text>
      {total > 1 && (
        <nav aria-label={`${label} pages`}>
          <Pagination
            value={page}
            total={total}
            onChange={onChange}
            size="sm"
            getControlProps={(control) => ({
              'aria-label': control === 'previous' ? 'Previous page' : 'Next page',
            })}
          />
        </nav>
      )}
    </Group>
  );
}

import { Group, List, Stack, Text, ThemeIcon } from '@mantine/core';

import type { ShareCheck } from '@/api/types';

import { checkLabel, checkSentence, sortChecks } from '../lib/checks';

/**
 * The rules a text was checked against: every failing one first, as a sentence, then the
 * passing ones as a compact green list.
 */
export function CheckList({ checks }: { checks: readonly ShareCheck[] }) {
  const { failing, passing } = sortChecks(checks);
  if (!checks.length) return null;
  return (
    <Stack gap="xs" data-testid="check-list">
      {failing.length > 0 && (
        <List
          spacing={4}
          size="sm"
          aria-label="Problems to fix"
          data-testid="failing-checks"
          icon={
            <ThemeIcon color="red" size={10} radius="xl" mt={6} aria-hidden>
              {null}
            </ThemeIcon>
          }
        >
          {failing.map((check) => (
            <List.Item key={check.code} data-check={check.code}>
              <Text size="sm" c="red.8">
                {checkSentence(check)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {passing.length > 0 && (
        <Group gap={6} aria-label="Checks passed" role="list" data-testid="passing-checks">
          {passing.map((check) => (
            <Text
              key={check.code}
              role="listitem"
              size="xs"
              c="green.8"
              title={check.detail || undefined}
              data-check={check.code}
            >
              ✓ {checkLabel(check.code)}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}

import { NativeSelect, Text } from '@mantine/core';
import { useNavigate } from 'react-router';

import type { Membership } from '@/api/types';

/**
 * Shows the current organisation; people in several get a native select (keyboard and
 * phone friendly) that opens the chosen organisation's home page.
 */
export function OrgSwitcher({
  memberships,
  current,
}: {
  memberships: Membership[];
  current: string;
}) {
  const navigate = useNavigate();
  const active = memberships.find((m) => m.org_slug === current);

  if (memberships.length < 2) {
    return (
      <Text fw={600} truncate maw={220} data-testid="current-org">
        {active?.org_name ?? current}
      </Text>
    );
  }

  return (
    <NativeSelect
      aria-label="Organisation"
      value={current}
      onChange={(event) => {
        const slug = event.currentTarget.value;
        if (slug !== current) navigate(`/o/${encodeURIComponent(slug)}`);
      }}
      data={memberships.map((m) => ({ value: m.org_slug, label: m.org_name }))}
      w={{ base: 150, sm: 220 }}
    />
  );
}

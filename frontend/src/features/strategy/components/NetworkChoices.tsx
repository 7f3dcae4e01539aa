import { Checkbox, Group } from '@mantine/core';
import type { ReactNode } from 'react';

import { NETWORKS, type Network } from '@/api/types';
import { networkLabel } from '@/lib/labels';

import { useEnabledNetworks } from '../api/strategy';

/**
 * The networks a role or an audience is about, as checkboxes: those the organisation
 * enables, plus any already chosen (a network disabled later stays visible until unticked).
 * Every network while the organisation's list is unknown or empty.
 */
export function NetworkChoices({
  org,
  label,
  description,
  value,
  onChange,
  error,
}: {
  org: string;
  label: string;
  description: string;
  value: Network[];
  onChange: (value: Network[]) => void;
  error?: ReactNode;
}) {
  const enabled = useEnabledNetworks(org);
  const choices = NETWORKS.filter(
    (n) => !enabled.data?.length || enabled.data.includes(n) || value.includes(n),
  );
  return (
    <Checkbox.Group
      label={label}
      description={description}
      value={value}
      onChange={(next) => onChange(next as Network[])}
      error={error}
    >
      <Group mt="xs" gap="md">
        {choices.map((network) => (
          <Checkbox key={network} value={network} label={networkLabel(network)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

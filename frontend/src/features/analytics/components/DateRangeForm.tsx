import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';

import { defaultRange, type DateRange } from '../lib/range';

/**
 * Two native date fields (a calendar on phones, typing on desktops) and a button. The range
 * is applied on submit, not on every keystroke, so a half-typed date never reaches the API;
 * a wrong range does, and the page shows the API's explanation.
 */
export function DateRangeForm({
  value,
  onChange,
  label = 'Date range',
  submitLabel = 'Show',
}: {
  value: DateRange;
  onChange: (range: DateRange) => void;
  label?: string;
  submitLabel?: string;
}) {
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const isDefault = (() => {
    const fallback = defaultRange();
    return value.from === fallback.from && value.to === fallback.to;
  })();

  return (
    <form
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ from, to });
      }}
    >
      <Group align="flex-end" gap="sm" mb="md">
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          type="date"
          label="To"
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        <Group gap="xs">
          <Button type="submit">{submitLabel}</Button>
          {!isDefault && (
            <Button
              variant="subtle"
              onClick={() => {
                const fallback = defaultRange();
                setFrom(fallback.from);
                setTo(fallback.to);
                onChange(fallback);
              }}
            >
              Last 30 days
            </Button>
          )}
        </Group>
      </Group>
    </form>
  );
}

import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

import { OBJECTIVE_METRICS, OBJECTIVE_PERIODS } from '@/api/types';
import { metricLabel, periodLabel } from '@/lib/labels';

import { emptyObjective, MAX_OBJECTIVES, MAX_TARGET } from '../lib/objectives';
import type { RoleFormValues } from '../lib/objectives';

const metricOptions = OBJECTIVE_METRICS.map((m) => ({ value: m, label: metricLabel(m) }));
const periodOptions = OBJECTIVE_PERIODS.map((p) => ({ value: p, label: periodLabel(p) }));

/** Add, edit and remove a role's objectives ("Human clicks ≥ 40 per month"). */
export function ObjectivesEditor({ form }: { form: UseFormReturnType<RoleFormValues> }) {
  const objectives = form.getValues().objectives;
  const listError = form.errors.objectives;
  const full = objectives.length >= MAX_OBJECTIVES;

  return (
    <Fieldset legend="Objectives" aria-describedby="objectives-help">
      <Text size="sm" c="dimmed" id="objectives-help" mb="sm">
        Measurable targets for this role, e.g. 40 human clicks per month. At most {MAX_OBJECTIVES}.
      </Text>
      {listError && (
        <Text c="red" size="sm" role="alert" mb="sm">
          {listError}
        </Text>
      )}
      <Stack gap="sm">
        {objectives.length === 0 && (
          <Text size="sm">No objectives yet. Add one so progress can be measured.</Text>
        )}
        {objectives.map((objective, index) => (
          <Paper
            key={objective.key}
            withBorder
            p="sm"
            role="group"
            aria-label={`Objective ${index + 1}`}
            data-testid="objective-row"
          >
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" style={{ flex: 1 }}>
                <TextInput
                  label="Objective name"
                  placeholder="Clicks from CIOs"
                  required
                  maxLength={100}
                  {...form.getInputProps(`objectives.${index}.name`)}
                />
                <NativeSelect
                  label="Metric"
                  data={metricOptions}
                  required
                  {...form.getInputProps(`objectives.${index}.metric`)}
                />
                <NumberInput
                  label="Target"
                  min={1}
                  max={MAX_TARGET}
                  step={1}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  required
                  {...form.getInputProps(`objectives.${index}.target`)}
                />
                <NativeSelect
                  label="Period"
                  data={periodOptions}
                  required
                  {...form.getInputProps(`objectives.${index}.period`)}
                />
              </SimpleGrid>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                size="lg"
                aria-label={`Remove objective ${index + 1}`}
                onClick={() => form.removeListItem('objectives', index)}
              >
                <span aria-hidden>✕</span>
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => form.insertListItem('objectives', emptyObjective())}
            disabled={full}
          >
            Add objective
          </Button>
          {full && (
            <Text size="sm" c="dimmed">
              A role has at most {MAX_OBJECTIVES} objectives.
            </Text>
          )}
        </Group>
      </Stack>
    </Fieldset>
  );
}

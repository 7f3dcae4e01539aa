import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import { NETWORKS } from '@/api/types';
import type { Network, Organization, RolloutStage } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { serverFieldErrors } from '@/lib/forms';
import { networkLabel, rolloutLabel } from '@/lib/labels';

import { useOrganization, useUpdateOrganization } from '../api/admin';

export interface SettingsValues {
  name: string;
  regulated: boolean;
  default_disclaimer: string;
  networks_enabled: Network[];
  two_step_approval: boolean;
  originality_threshold: number | string;
  daily_share_cap: number | string;
  rollout_stage: RolloutStage;
}

export const MAX_DAILY_SHARE_CAP = 100;

export const settingsValidation = {
  name: (value: string) => (value.trim() ? null : 'The organisation needs a name.'),
  daily_share_cap: (value: number | string) => {
    const n = typeof value === 'number' ? value : Number(value);
    if (value === '' || !Number.isInteger(n)) return 'Enter a whole number of shares.';
    if (n < 1 || n > MAX_DAILY_SHARE_CAP) {
      return `Choose between 1 and ${MAX_DAILY_SHARE_CAP} shares per day.`;
    }
    return null;
  },
  originality_threshold: (value: number | string) => {
    const n = typeof value === 'number' ? value : Number(value);
    if (value === '' || Number.isNaN(n) || n < 0 || n > 1) return 'Enter a number from 0 to 1.';
    return null;
  },
  default_disclaimer: (value: string, values: SettingsValues) =>
    values.regulated && !value.trim() ? 'Regulated organisations need a default disclaimer.' : null,
};

const FIELDS = [
  'name',
  'regulated',
  'default_disclaimer',
  'networks_enabled',
  'two_step_approval',
  'originality_threshold',
  'daily_share_cap',
  'rollout_stage',
] as const;

export function SettingsForm({ organization }: { organization: Organization }) {
  const update = useUpdateOrganization(organization.slug);
  const form = useForm<SettingsValues>({
    mode: 'controlled',
    initialValues: { name: organization.name, ...organization.settings },
    validate: settingsValidation,
  });

  const onSubmit = form.onSubmit((values) => {
    const { name, ...settings } = values;
    update.mutate(
      {
        name: name.trim(),
        settings: {
          ...settings,
          originality_threshold: Number(settings.originality_threshold),
          daily_share_cap: Number(settings.daily_share_cap),
        },
      },
      {
        onSuccess: (saved) => {
          form.resetDirty({ name: saved.name, ...saved.settings });
          notifications.show({ color: 'green', message: 'Settings saved.' });
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Organisation settings">
      <Stack gap="lg" maw={720}>
        {update.error && (
          <Alert color="red" role="alert" title="The settings were not saved">
            {errorMessage(update.error)}
          </Alert>
        )}
        <Fieldset legend="General">
          <TextInput label="Organisation name" required {...form.getInputProps('name')} />
        </Fieldset>

        <Fieldset legend="Sharing">
          <Stack gap="md">
            <Checkbox.Group
              label="Networks employees may post to"
              {...form.getInputProps('networks_enabled')}
            >
              <Group mt="xs" gap="md">
                {NETWORKS.map((network) => (
                  <Checkbox key={network} value={network} label={networkLabel(network)} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NumberInput
                label="Daily share cap"
                description="The most posts one employee can make in a day."
                min={1}
                max={MAX_DAILY_SHARE_CAP}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                required
                {...form.getInputProps('daily_share_cap')}
              />
              <NumberInput
                label="Originality threshold"
                description="Texts at least this similar (0 to 1) to the suggested copy or to a colleague's share are refused. 0.8 means 80% alike."
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                allowNegative={false}
                clampBehavior="none"
                required
                {...form.getInputProps('originality_threshold')}
              />
            </SimpleGrid>
            <Radio.Group label="Rollout stage" {...form.getInputProps('rollout_stage')}>
              <Group mt="xs">
                {(['ambassadors_only', 'everyone'] as const).map((stage) => (
                  <Radio key={stage} value={stage} label={rolloutLabel(stage)} />
                ))}
              </Group>
            </Radio.Group>
          </Stack>
        </Fieldset>

        <Fieldset legend="Compliance">
          <Stack gap="md">
            <Switch
              label="Regulated organisation"
              description="Shares carry a disclaimer and reviewers can check flagged shares."
              {...form.getInputProps('regulated', { type: 'checkbox' })}
            />
            <Switch
              label="Two-step approval"
              description="Content needs marketing approval, then legal approval."
              {...form.getInputProps('two_step_approval', { type: 'checkbox' })}
            />
            <Textarea
              label="Default disclaimer"
              description="Added at the end of every share that needs one."
              autosize
              minRows={2}
              {...form.getInputProps('default_disclaimer')}
            />
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={update.isPending}>
            Save settings
          </Button>
          <Button variant="subtle" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsPage({ org }: { org: string }) {
  const organization = useOrganization(org);
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description="Rules every share in this organisation follows."
      />
      {organization.isPending ? (
        <LoadingState />
      ) : organization.error ? (
        <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />
      ) : (
        <SettingsForm key={organization.data.slug} organization={organization.data} />
      )}
    </>
  );
}

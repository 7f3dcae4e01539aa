import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import { NETWORKS } from '@/api/types';
import type {
  Network,
  Organization,
  OrganizationPatch,
  OrgSettings,
  RolloutStage,
} from '@/api/types';
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
  time_zone: string;
  chat_webhook_kind: ChatWebhookKind;
  my_progress_enabled: boolean;
  /** A new webhook address; empty keeps the saved one (the API never sends it back). */
  chat_webhook_url: string;
  remove_chat_webhook: boolean;
}

export type ChatWebhookKind = OrgSettings['chat_webhook_kind'];

const WEBHOOK_KINDS: { value: ChatWebhookKind; label: string }[] = [
  { value: '', label: 'None' },
  { value: 'slack', label: 'Slack' },
  { value: 'teams', label: 'Microsoft Teams' },
];

/** IANA time zones the browser knows, UTC first (browsers leave it out of the list). */
export function timeZoneOptions(current: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function settingsValues(organization: Organization): SettingsValues {
  const settings = organization.settings;
  return {
    name: organization.name,
    regulated: settings.regulated,
    default_disclaimer: settings.default_disclaimer,
    networks_enabled: settings.networks_enabled,
    two_step_approval: settings.two_step_approval,
    originality_threshold: settings.originality_threshold,
    daily_share_cap: settings.daily_share_cap,
    rollout_stage: settings.rollout_stage,
    time_zone: settings.time_zone,
    chat_webhook_kind: settings.chat_webhook_kind,
    my_progress_enabled: settings.my_progress_enabled,
    // Read-only `chat_webhook_configured` stays out: the form never sends it back.
    chat_webhook_url: '',
    remove_chat_webhook: false,
  };
}

/** The PATCH body: the webhook address only when it is replaced or removed. */
export function settingsPatch(values: SettingsValues): OrganizationPatch {
  const { name, chat_webhook_url, remove_chat_webhook, ...settings } = values;
  const url = chat_webhook_url.trim();
  return {
    name: name.trim(),
    settings: {
      ...settings,
      originality_threshold: Number(settings.originality_threshold),
      daily_share_cap: Number(settings.daily_share_cap),
      ...(remove_chat_webhook ? { chat_webhook_url: '' } : url ? { chat_webhook_url: url } : {}),
    },
  };
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
  time_zone: (value: string) => (value ? null : 'Choose a time zone.'),
  chat_webhook_url: (value: string) => {
    const url = value.trim();
    if (!url) return null;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return null;
    } catch {
      // not an address
    }
    return 'Paste the full webhook address, starting with https://';
  },
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
  'time_zone',
  'chat_webhook_kind',
  'chat_webhook_url',
  'my_progress_enabled',
] as const;

export function SettingsForm({ organization }: { organization: Organization }) {
  const update = useUpdateOrganization(organization.slug);
  const form = useForm<SettingsValues>({
    mode: 'controlled',
    initialValues: settingsValues(organization),
    validate: settingsValidation,
  });
  const configured = organization.settings.chat_webhook_configured;
  const sendsToChat =
    !form.values.remove_chat_webhook && (configured || !!form.values.chat_webhook_url.trim());

  const onSubmit = form.onSubmit((values) => {
    if (sendsToChat && !values.chat_webhook_kind) {
      form.setFieldError('chat_webhook_kind', 'Say whether the webhook is Slack or Teams.');
      return;
    }
    update.mutate(settingsPatch(values), {
      onSuccess: (saved) => {
        const next = settingsValues(saved);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: 'green', message: 'Settings saved.' });
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    });
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

        <Fieldset legend="Results">
          <Switch
            label="Private “my progress” view"
            description="Shows each member, on My results, only their own contribution to their roles’ objectives next to the team’s total. Never a ranking: nobody sees anyone else’s numbers. Off by default."
            {...form.getInputProps('my_progress_enabled', { type: 'checkbox' })}
          />
        </Fieldset>

        <Fieldset legend="Notifications">
          <Stack gap="md">
            <Select
              label="Time zone"
              description="Weekly digests go out at 8am here, unless a member chose their own time zone. Exports count days here too."
              data={timeZoneOptions(organization.settings.time_zone)}
              searchable
              allowDeselect={false}
              limit={100}
              nothingFoundMessage="No such time zone"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('time_zone')}
            />
            <Radio.Group
              label="Chat webhook"
              description="A weekly nudge in a Slack or Teams channel about new content. A nudge only: nothing is ever posted for anyone."
              {...form.getInputProps('chat_webhook_kind')}
            >
              <Group mt="xs">
                {WEBHOOK_KINDS.map((kind) => (
                  <Radio key={kind.value || 'none'} value={kind.value} label={kind.label} />
                ))}
              </Group>
            </Radio.Group>
            <Text size="sm" c="dimmed" data-testid="webhook-status">
              {configured
                ? 'A webhook address is saved. It is never shown again; paste a new one to replace it.'
                : 'No webhook address saved.'}
            </Text>
            <TextInput
              type="url"
              label={configured ? 'New webhook address' : 'Webhook address'}
              description="The incoming webhook address Slack or Teams gave you (it starts with https://). Keep it secret."
              autoComplete="off"
              disabled={form.values.remove_chat_webhook}
              {...form.getInputProps('chat_webhook_url')}
            />
            {configured && (
              <Checkbox
                label="Remove the saved webhook address"
                {...form.getInputProps('remove_chat_webhook', { type: 'checkbox' })}
              />
            )}
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

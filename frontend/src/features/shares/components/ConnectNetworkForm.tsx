import { Alert, Button, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';

import type { ConnectionStartInput, Network } from '@/api/types';
import { networkLabel } from '@/lib/labels';

import {
  connectNeeds,
  normaliseInstance,
  startErrorPlacement,
  startInput,
  validateConnectForm,
} from '../lib/connections';
import type { ConnectFormValues } from '../lib/connections';

/**
 * What Mastodon and Bluesky ask for before connecting: the server the account is on, or
 * a handle and an app password. A refusal from the server lands on the field it is about
 * (a wrong server or app password) or above the buttons.
 */
export function ConnectNetworkForm({
  id,
  network,
  initial,
  initialError,
  start,
  onCancel,
}: {
  /** The panel's id, for the button that opened it (`aria-controls`). */
  id: string;
  network: Network;
  initial?: Partial<ConnectFormValues>;
  /** A refusal from before the form opened (e.g. reconnecting a Mastodon server). */
  initialError?: unknown;
  /** Starts connecting; rejects with the refusal, resolves once the browser is leaving. */
  start: (input: ConnectionStartInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const needs = connectNeeds(network);
  const first = initialError ? startErrorPlacement(network, initialError) : null;
  const form = useForm<ConnectFormValues>({
    mode: 'controlled',
    initialValues: { instance: '', handle: '', app_password: '', ...initial },
    initialErrors: first?.fields,
    validate: (values) => validateConnectForm(network, values),
  });
  const [general, setGeneral] = useState<string | null>(first?.general ?? null);
  const [pending, setPending] = useState(false);

  // Keyboard and screen reader users land on the field to fix.
  const focusInvalid = () =>
    window.setTimeout(() => {
      document.querySelector<HTMLElement>(`#${id} [aria-invalid="true"]`)?.focus();
    }, 0);

  const submit = async (values: ConnectFormValues) => {
    setPending(true);
    setGeneral(null);
    try {
      await start(startInput(network, values));
    } catch (error) {
      const placement = startErrorPlacement(network, error);
      form.setErrors(placement.fields);
      setGeneral(placement.general);
      focusInvalid();
      setPending(false);
    }
  };

  const instance = normaliseInstance(form.getValues().instance);
  const label = networkLabel(network);

  return (
    <form
      id={id}
      noValidate
      aria-label={`Connect ${label}`}
      onSubmit={form.onSubmit((values) => void submit(values), focusInvalid)}
    >
      <Stack gap="sm" maw={520}>
        {needs === 'instance' && (
          <TextInput
            label="Your Mastodon server"
            description="The server your account is on, e.g. mastodon.social. You sign in there and allow access; we never see your password."
            placeholder="mastodon.social"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            inputMode="url"
            required
            autoFocus
            {...form.getInputProps('instance')}
          />
        )}
        {needs === 'app_password' && (
          <>
            <Alert color="blue" title="Use an app password, never your account password">
              <Text size="sm">
                Bluesky lets you create a separate password for each app, which you can revoke at
                any time without changing your own password:
              </Text>
              <List size="sm" type="ordered" mt={4}>
                <List.Item>In Bluesky, open Settings, then Privacy and security.</List.Item>
                <List.Item>Choose App passwords, then Add App Password.</List.Item>
                <List.Item>Name it (e.g. “Advocacy”) and copy the password shown.</List.Item>
              </List>
            </Alert>
            <TextInput
              label="Bluesky handle"
              description="Your full handle, without the @."
              placeholder="jordan.bsky.social"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              {...form.getInputProps('handle')}
            />
            <PasswordInput
              label="App password"
              description="Four groups of four letters or digits, like abcd-efgh-ijkl-mnop."
              placeholder="xxxx-xxxx-xxxx-xxxx"
              autoComplete="off"
              required
              {...form.getInputProps('app_password')}
            />
          </>
        )}
        {general && (
          <Alert color="red" role="alert" title={`Could not connect ${label}`}>
            {general}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={pending}>
            {needs === 'instance'
              ? `Continue to ${instance && !form.errors.instance ? instance : 'your server'}`
              : `Connect ${label}`}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Organization } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { SettingsPage } from './SettingsPage';

const organization: Organization = {
  slug: 'demo',
  name: 'Demo Corp',
  created_at: '2026-01-01T00:00:00Z',
  settings: {
    regulated: false,
    default_disclaimer: '',
    networks_enabled: ['sandbox', 'linkedin'],
    two_step_approval: false,
    originality_threshold: 0.8,
    daily_share_cap: 5,
    rollout_stage: 'ambassadors_only',
    time_zone: 'UTC',
    chat_webhook_kind: '',
    chat_webhook_configured: false,
    archive_retention_days: 2555,
    my_progress_enabled: false,
  },
};

async function renderSettings() {
  document.cookie = 'csrftoken=t';
  const calls: unknown[] = [];
  const fetchSpy = mockFetch({
    'GET /api/v1/orgs/demo/': () => jsonResponse(organization),
    'PATCH /api/v1/orgs/demo/': (init) => {
      const body = JSON.parse(String(init?.body));
      calls.push(body);
      return jsonResponse({
        ...organization,
        settings: { ...organization.settings, ...body.settings },
      });
    },
  });
  renderWithProviders(<SettingsPage org="demo" />);
  const cap = await screen.findByRole('textbox', { name: /daily share cap/i });
  return { cap, calls, fetchSpy };
}

describe('SettingsPage', () => {
  it('refuses a daily cap of 0 and sends nothing', async () => {
    const { cap, calls } = await renderSettings();

    await userEvent.clear(cap);
    await userEvent.type(cap, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Choose between 1 and 100 shares per day.')).toBeInTheDocument();
    expect(cap).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toEqual([]);
  });

  it('requires a disclaimer once the organisation is regulated', async () => {
    const { calls } = await renderSettings();

    await userEvent.click(screen.getByRole('switch', { name: /regulated organisation/i }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(
      await screen.findByText('Regulated organisations need a default disclaimer.'),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('saves a valid change as numbers', async () => {
    const { cap, calls } = await renderSettings();

    await userEvent.clear(cap);
    await userEvent.type(cap, '7');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      name: 'Demo Corp',
      settings: { daily_share_cap: 7, originality_threshold: 0.8 },
    });
  });

  it('turns the private “my progress” view on, explaining it is never a ranking', async () => {
    const { calls } = await renderSettings();
    const toggle = screen.getByRole('switch', { name: /private “my progress” view/i });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/only their own contribution.*never a ranking/i);

    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ settings: { my_progress_enabled: true } });
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: /private “my progress” view/i })).toBeChecked(),
    );
  });

  it("shows the server's message next to the field it is about", async () => {
    const { cap, fetchSpy } = await renderSettings();
    fetchSpy.mockImplementation(async () =>
      jsonResponse(
        {
          code: 'invalid',
          detail: 'Some settings are invalid.',
          fields: { settings: { daily_share_cap: ['Your plan allows at most 20.'] } },
        },
        400,
      ),
    );

    await userEvent.clear(cap);
    await userEvent.type(cap, '50');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Your plan allows at most 20.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Some settings are invalid.');
  });

  it('saves a chat webhook with its kind, and never sends the read-only flag', async () => {
    const { calls } = await renderSettings();

    await userEvent.type(
      screen.getByRole('textbox', { name: /^webhook address/i }),
      'https://hooks.slack.com/services/T0/B0/x',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(
      await screen.findByText('Say whether the webhook is Slack or Teams.'),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);

    await userEvent.click(screen.getByRole('radio', { name: 'Slack' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    const settings = (calls[0] as { settings: Record<string, unknown> }).settings;
    expect(settings).toMatchObject({
      chat_webhook_kind: 'slack',
      chat_webhook_url: 'https://hooks.slack.com/services/T0/B0/x',
      time_zone: 'UTC',
    });
    expect(settings).not.toHaveProperty('chat_webhook_configured');
  });

  it('keeps a saved webhook unless it is replaced or removed', async () => {
    document.cookie = 'csrftoken=t';
    const calls: { settings: Record<string, unknown> }[] = [];
    const configured: Organization = {
      ...organization,
      settings: {
        ...organization.settings,
        chat_webhook_kind: 'teams',
        chat_webhook_configured: true,
      },
    };
    mockFetch({
      'GET /api/v1/orgs/demo/': () => jsonResponse(configured),
      'PATCH /api/v1/orgs/demo/': (init) => {
        calls.push(JSON.parse(String(init?.body)));
        return jsonResponse(configured);
      },
    });
    renderWithProviders(<SettingsPage org="demo" />);
    expect(await screen.findByTestId('webhook-status')).toHaveTextContent(
      'A webhook address is saved.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].settings).not.toHaveProperty('chat_webhook_url');

    await userEvent.click(screen.getByRole('checkbox', { name: /remove the saved webhook/i }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].settings).toMatchObject({ chat_webhook_url: '' });
  });
});

import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';
import type { Connection } from '@/api/types';

import {
  connectionAccount,
  connectionHealth,
  connectionsNeedingAttention,
  handleOf,
  normaliseInstance,
  startErrorPlacement,
  startInput,
  validateAppPassword,
  validateConnectForm,
  validateInstance,
} from './connections';

const NOW = new Date('2026-05-01T12:00:00Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 24 * 3600 * 1000).toISOString();

const connection = (overrides: Partial<Connection> = {}): Connection => ({
  id: 'k1',
  network: 'mastodon',
  account_id: '109',
  account_name: 'jordan',
  account_url: 'https://mastodon.social/@jordan',
  instance: 'mastodon.social',
  status: 'active',
  status_detail: '',
  reconnect_by: null,
  expires_at: null,
  created_at: '2026-01-01T00:00:00Z',
  ...overrides,
});

describe('connecting', () => {
  it('reads a Mastodon server from a name, an address or a full handle', () => {
    expect(normaliseInstance(' Mastodon.Social ')).toBe('mastodon.social');
    expect(normaliseInstance('https://fosstodon.org/about')).toBe('fosstodon.org');
    expect(normaliseInstance('@jordan@hachyderm.io')).toBe('hachyderm.io');
    expect(validateInstance('https://fosstodon.org/')).toBeNull();
    expect(validateInstance('localhost:3000')).toBeNull();
    expect(validateInstance('')).toMatch(/e\.g\. mastodon\.social/);
    expect(validateInstance('my server')).toMatch(/no spaces/);
  });

  it('only takes an app password, never what looks like an account password', () => {
    expect(validateAppPassword('abcd-efgh-ijkl-mnop')).toBeNull();
    expect(validateAppPassword('')).toMatch(/app password/);
    expect(validateAppPassword('hunter2-my-password')).toMatch(/never use your account password/);
  });

  it('asks each network only for what it needs', () => {
    const values = { instance: '', handle: '', app_password: '' };
    expect(validateConnectForm('linkedin', values)).toEqual({});
    expect(Object.keys(validateConnectForm('mastodon', values))).toEqual(['instance']);
    expect(Object.keys(validateConnectForm('bluesky', values))).toEqual(['handle', 'app_password']);
    const filled = {
      instance: 'https://Mastodon.social',
      handle: '@Jordan.bsky.social',
      app_password: ' abcd-efgh-ijkl-mnop ',
    };
    expect(startInput('x', filled)).toEqual({});
    expect(startInput('mastodon', filled)).toEqual({ instance: 'mastodon.social' });
    expect(startInput('bluesky', filled)).toEqual({
      handle: 'jordan.bsky.social',
      app_password: 'abcd-efgh-ijkl-mnop',
    });
  });

  it('puts a refusal on the field it is about, or on the whole form', () => {
    const wrongPassword = new ApiError(422, 'invalid_grant', 'Bluesky refused this app password.');
    expect(startErrorPlacement('bluesky', wrongPassword)).toEqual({
      fields: { app_password: 'Bluesky refused this app password.' },
      general: null,
    });
    const badServer = new ApiError(422, 'invalid_instance', 'No Mastodon server answers there.');
    expect(startErrorPlacement('mastodon', badServer).fields).toEqual({
      instance: 'No Mastodon server answers there.',
    });
    const unavailable = new ApiError(422, 'network_unavailable', 'Not available on this server.');
    expect(startErrorPlacement('mastodon', unavailable)).toEqual({
      fields: {},
      general: 'Not available on this server.',
    });
    const validation = new ApiError(400, 'validation_error', 'Invalid.', {
      handle: ['Too long.'],
    });
    expect(startErrorPlacement('bluesky', validation).fields).toEqual({ handle: 'Too long.' });
  });
});

describe('connection health', () => {
  it('reminds within 14 days of the reconnect-by time, not before', () => {
    expect(connectionHealth(connection({ reconnect_by: inDays(20) }), NOW)).toEqual({
      kind: 'ok',
    });
    expect(connectionHealth(connection({ reconnect_by: inDays(13.5) }), NOW)).toMatchObject({
      kind: 'expiring',
      daysLeft: 14,
    });
    expect(connectionHealth(connection({ reconnect_by: inDays(-1) }), NOW)).toEqual({
      kind: 'expired',
    });
    expect(connectionHealth(connection({ status: 'expired' }), NOW)).toEqual({ kind: 'expired' });
    expect(
      connectionHealth(connection({ status: 'revoked', reconnect_by: inDays(1) }), NOW),
    ).toEqual({ kind: 'revoked' });
  });

  it('lists what needs attention, most urgent first', () => {
    const list = connectionsNeedingAttention(
      [
        connection({ id: 'later', reconnect_by: inDays(10) }),
        connection({ id: 'fine', reconnect_by: inDays(40) }),
        connection({ id: 'soon', reconnect_by: inDays(2) }),
        connection({ id: 'expired', status: 'expired' }),
        connection({ id: 'revoked', status: 'revoked' }),
      ],
      NOW,
    );
    expect(list.map((item) => item.connection.id)).toEqual(['expired', 'soon', 'later']);
  });

  it('names the account with its server, and finds a handle to prefill', () => {
    expect(connectionAccount(connection())).toBe('jordan on mastodon.social');
    expect(connectionAccount(connection({ account_name: '@jordan@mastodon.social' }))).toBe(
      '@jordan@mastodon.social',
    );
    expect(
      handleOf(
        connection({
          network: 'bluesky',
          account_id: 'did:plc:abc',
          account_name: 'jo.bsky.social',
        }),
      ),
    ).toBe('jo.bsky.social');
    expect(handleOf(connection({ account_id: 'did:plc:abc', account_name: 'Jo Lee' }))).toBe('');
  });
});

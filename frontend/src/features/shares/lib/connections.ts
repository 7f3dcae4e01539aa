// Connecting networks: what each one asks for, checking it before a request, and when a
// connection needs the employee to reconnect.
import { ApiError } from '@/api/client';
import { NETWORKS } from '@/api/types';
import type { Connection, ConnectionStartInput, Network } from '@/api/types';

/**
 * What starting a connection needs from the person: nothing (an OAuth redirect with our
 * app, or the built-in sandbox), their Mastodon server, or a Bluesky handle + app password.
 */
export type ConnectNeeds = 'nothing' | 'instance' | 'app_password';

const NEEDS: Record<Network, ConnectNeeds> = {
  sandbox: 'nothing',
  linkedin: 'nothing',
  x: 'nothing',
  mastodon: 'instance',
  bluesky: 'app_password',
};

export const connectNeeds = (network: Network): ConnectNeeds => NEEDS[network] ?? 'nothing';

export const isNetwork = (value: string | null): value is Network =>
  value !== null && (NETWORKS as readonly string[]).includes(value);

/** How long before `reconnect_by` the reminder shows. */
export const REMINDER_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

/**
 * `https://Mastodon.Social/about`, `@jo@mastodon.social` and ` mastodon.social ` all mean
 * the server `mastodon.social`.
 */
export function normaliseInstance(value: string): string {
  let host = value.trim();
  if (host.includes('@')) host = host.slice(host.lastIndexOf('@') + 1);
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host.split(/[/?#]/)[0];
  return host.toLowerCase();
}

// A host name with at least one dot (or an IP), and an optional port.
const HOST_PATTERN =
  /^(?=.{1,253}(:\d{1,5})?$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;

// A local test server (the backend refuses private hosts unless it allows them).
const LOCALHOST_PATTERN = /^localhost(:\d{1,5})?$/;

export function validateInstance(value: string): string | null {
  const host = normaliseInstance(value);
  if (!host) return 'Enter the server your Mastodon account is on, e.g. mastodon.social.';
  if (!HOST_PATTERN.test(host) && !LOCALHOST_PATTERN.test(host)) {
    return 'Enter a server name such as mastodon.social (no spaces).';
  }
  return null;
}

/** `@Jordan.bsky.social` -> `jordan.bsky.social`. */
export function normaliseHandle(value: string): string {
  return value.trim().replace(/^@+/, '').toLowerCase();
}

export function validateHandle(value: string): string | null {
  const handle = normaliseHandle(value);
  if (!handle) return 'Enter your Bluesky handle, e.g. jordan.bsky.social.';
  if (!HOST_PATTERN.test(handle)) {
    return 'Enter your full handle, such as jordan.bsky.social (no spaces).';
  }
  return null;
}

/**
 * Bluesky app passwords are four groups of four letters or digits (`abcd-efgh-ijkl-mnop`).
 * Anything else is most likely the account password, which must never be given to us.
 */
export const APP_PASSWORD_PATTERN = /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/i;

export function validateAppPassword(value: string): string | null {
  const password = value.trim();
  if (!password) return 'Enter an app password you created in Bluesky’s settings.';
  if (!APP_PASSWORD_PATTERN.test(password)) {
    return 'This is not an app password (they look like abcd-efgh-ijkl-mnop). Create one in Bluesky’s settings; never use your account password here.';
  }
  return null;
}

export interface ConnectFormValues {
  instance: string;
  handle: string;
  app_password: string;
}

/** The errors of the fields `network` asks for. */
export function validateConnectForm(
  network: Network,
  values: ConnectFormValues,
): Partial<Record<keyof ConnectFormValues, string>> {
  const errors: Partial<Record<keyof ConnectFormValues, string>> = {};
  const needs = connectNeeds(network);
  if (needs === 'instance') {
    const instance = validateInstance(values.instance);
    if (instance) errors.instance = instance;
  }
  if (needs === 'app_password') {
    const handle = validateHandle(values.handle);
    if (handle) errors.handle = handle;
    const password = validateAppPassword(values.app_password);
    if (password) errors.app_password = password;
  }
  return errors;
}

/** The body of `POST .../connections/{network}/start`: only what that network asks for. */
export function startInput(network: Network, values: ConnectFormValues): ConnectionStartInput {
  const needs = connectNeeds(network);
  if (needs === 'instance') return { instance: normaliseInstance(values.instance) };
  if (needs === 'app_password') {
    return { handle: normaliseHandle(values.handle), app_password: values.app_password.trim() };
  }
  return {};
}

/** Refusals of a start that are about one field: shown on that field. */
const CODE_FIELDS: Record<string, keyof ConnectFormValues> = {
  invalid_instance: 'instance',
  invalid_handle: 'handle',
  invalid_grant: 'app_password',
};

/**
 * Where a refused start's message goes: a field of the form (a wrong server, handle or
 * app password, or a validation error naming the field) or the form as a whole.
 */
export function startErrorPlacement(
  network: Network,
  error: unknown,
): { fields: Partial<Record<keyof ConnectFormValues, string>>; general: string | null } {
  const detail =
    error instanceof ApiError ? error.detail : 'Something went wrong. Please try again.';
  if (!(error instanceof ApiError)) return { fields: {}, general: detail };
  const needs = connectNeeds(network);
  const asked: (keyof ConnectFormValues)[] =
    needs === 'instance'
      ? ['instance']
      : needs === 'app_password'
        ? ['handle', 'app_password']
        : [];
  const fields: Partial<Record<keyof ConnectFormValues, string>> = {};
  for (const [path, messages] of Object.entries(error.fields)) {
    const field = path.split('.')[0] as keyof ConnectFormValues;
    if (asked.includes(field) && messages.length) fields[field] = messages.join(' ');
  }
  const coded = CODE_FIELDS[error.code];
  if (coded && asked.includes(coded) && !fields[coded]) fields[coded] = detail;
  return { fields, general: Object.keys(fields).length ? null : detail };
}

export type ConnectionHealth =
  | { kind: 'ok' }
  /** Active, but the tokens cannot refresh and stop working at `by`. */
  | { kind: 'expiring'; by: Date; daysLeft: number }
  /** Expired (or past its reconnect-by time): nothing can be posted until reconnected. */
  | { kind: 'expired' }
  /** Disconnected by the person or an admin. */
  | { kind: 'revoked' };

/** Whether a connection works, and whether the person must reconnect it (soon). */
export function connectionHealth(connection: Connection, now = new Date()): ConnectionHealth {
  if (connection.status === 'revoked') return { kind: 'revoked' };
  if (connection.status === 'expired') return { kind: 'expired' };
  if (!connection.reconnect_by) return { kind: 'ok' };
  const by = new Date(connection.reconnect_by);
  if (Number.isNaN(by.getTime())) return { kind: 'ok' };
  const left = by.getTime() - now.getTime();
  if (left <= 0) return { kind: 'expired' };
  if (left > REMINDER_DAYS * DAY_MS) return { kind: 'ok' };
  return { kind: 'expiring', by, daysLeft: Math.ceil(left / DAY_MS) };
}

/** Connections that need the person now or within the reminder window, most urgent first. */
export function connectionsNeedingAttention(
  connections: readonly Connection[],
  now = new Date(),
): { connection: Connection; health: ConnectionHealth & { kind: 'expiring' | 'expired' } }[] {
  const out: {
    connection: Connection;
    health: ConnectionHealth & { kind: 'expiring' | 'expired' };
  }[] = [];
  for (const connection of connections) {
    const health = connectionHealth(connection, now);
    if (health.kind === 'expiring' || health.kind === 'expired') out.push({ connection, health });
  }
  const rank = (h: ConnectionHealth) => (h.kind === 'expiring' ? h.daysLeft : -1);
  return out.sort((a, b) => rank(a.health) - rank(b.health));
}

/** Whom a connection posts as: its account, and the Mastodon server it lives on. */
export function connectionAccount(connection: Connection): string {
  const name = connection.account_name || connection.account_id;
  if (connection.instance && !name.includes(connection.instance)) {
    return `${name} on ${connection.instance}`;
  }
  return name;
}

/** A Bluesky handle to prefill when reconnecting, if the account shows one. */
export function handleOf(connection: Connection): string {
  for (const candidate of [connection.account_name, connection.account_id]) {
    const handle = normaliseHandle(candidate ?? '');
    if (handle && !handle.startsWith('did:') && HOST_PATTERN.test(handle)) return handle;
  }
  return '';
}

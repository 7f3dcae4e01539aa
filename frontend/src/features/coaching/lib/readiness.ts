import { ApiError } from '@/api/client';
import { NETWORKS, type Network } from '@/api/types';

import type {
  AudienceSize,
  MyReadiness,
  NetworkPresenceInput,
  NetworkReadiness,
  PostingFrequency,
  ReadinessInput,
} from '../api/coaching';

/** Networks a person can say they are active on (the built-in sandbox is for trying out). */
export const DESCRIBABLE_NETWORKS: readonly Network[] = ['linkedin', 'x', 'mastodon', 'bluesky'];

export interface PresenceValues {
  network: Network;
  /** "I am active here": only these are sent; the API forgets the others. */
  active: boolean;
  profile_url: string;
  audience_size: AudienceSize | '';
  audience_description: string;
  posting_frequency: PostingFrequency | '';
  audiences: string[];
}

export interface ReadinessValues {
  networks: PresenceValues[];
}

const byNetworkOrder = (a: Network, b: Network) => NETWORKS.indexOf(a) - NETWORKS.indexOf(b);

/**
 * One entry per network the form shows: the usual four, plus any other the person already
 * described (so saving never drops it).
 */
export function toFormValues(readiness: MyReadiness): ReadinessValues {
  const known = new Map(readiness.networks.map((row) => [row.network, row]));
  const shown = new Set<Network>(DESCRIBABLE_NETWORKS);
  for (const row of readiness.networks) if (row.described) shown.add(row.network);
  return {
    networks: [...shown]
      .sort(byNetworkOrder)
      .map((network) => fromRow(network, known.get(network))),
  };
}

function fromRow(network: Network, row: NetworkReadiness | undefined): PresenceValues {
  return {
    network,
    active: row?.described ?? false,
    profile_url: row?.profile_url ?? '',
    audience_size: row?.audience_size ?? '',
    audience_description: row?.audience_description ?? '',
    posting_frequency: row?.posting_frequency ?? '',
    audiences: row?.audiences.map((a) => a.id) ?? [],
  };
}

/** Connected networks the form does not describe (e.g. the sandbox), to mention them. */
export function otherConnections(readiness: MyReadiness, values: ReadinessValues) {
  const shown = new Set(values.networks.map((v) => v.network));
  return readiness.networks.filter((row) => row.connected && !shown.has(row.network));
}

/**
 * The PUT body: the networks marked active, empty choices left out. `formIndex[i]` is the
 * form row of the i-th network sent, to put the API's field errors next to the right card.
 */
export function toInput(values: ReadinessValues): { input: ReadinessInput; formIndex: number[] } {
  const networks: NetworkPresenceInput[] = [];
  const formIndex: number[] = [];
  values.networks.forEach((entry, index) => {
    if (!entry.active) return;
    formIndex.push(index);
    networks.push({
      network: entry.network,
      profile_url: entry.profile_url.trim(),
      audience_description: entry.audience_description.trim(),
      audiences: entry.audiences,
      ...(entry.audience_size ? { audience_size: entry.audience_size } : {}),
      ...(entry.posting_frequency ? { posting_frequency: entry.posting_frequency } : {}),
    });
  });
  return { input: { networks }, formIndex };
}

export function validateProfileUrl(value: string): string | null {
  const url = value.trim();
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname) {
      return null;
    }
  } catch {
    // not an address at all
  }
  return 'Enter the full address of your profile, starting with https://';
}

/** The API's errors for `networks.<i>.<field>`, moved to the form rows they are about. */
export function readinessFieldErrors(error: unknown, formIndex: number[]): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(error.fields)) {
    const match = /^networks\.(\d+)\.(\w+)/.exec(path);
    if (!match || !messages.length) continue;
    const row = formIndex[Number(match[1])];
    if (row !== undefined) out[`networks.${row}.${match[2]}`] = messages.join(' ');
  }
  return out;
}

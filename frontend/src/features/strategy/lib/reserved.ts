import type {
  Handle,
  HandleNetwork,
  ReservedRelationship,
  ReservedRelationshipInput,
} from '@/api/types';

export const MAX_HANDLES = 50;

export interface HandleDraft {
  key: string;
  network: HandleNetwork;
  handle: string;
  profile_url: string;
}

export interface ReservedFormValues {
  name: string;
  reason: string;
  handles: HandleDraft[];
  owner: string | null;
  allowed_members: string[];
  allowed_roles: string[];
  /** `datetime-local` text (local time), or '' for no expiry. */
  expires_at: string;
}

let nextKey = 0;
export function emptyHandle(network: HandleNetwork = 'any'): HandleDraft {
  return { key: `handle-${(nextKey += 1)}`, network, handle: '', profile_url: '' };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO datetime -> `YYYY-MM-DDTHH:mm` in local time, for `<input type="datetime-local">`. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function reservedToFormValues(r?: ReservedRelationship): ReservedFormValues {
  return {
    name: r?.name ?? '',
    reason: r?.reason ?? '',
    handles: (r?.handles ?? []).map((h) => ({
      ...emptyHandle(h.network),
      handle: h.handle ?? '',
      profile_url: h.profile_url ?? '',
    })),
    owner: r?.owner ?? null,
    allowed_members: r?.allowed_members ?? [],
    allowed_roles: r?.allowed_roles ?? [],
    expires_at: isoToLocalInput(r?.expires_at),
  };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function validateReservedForm(values: ReservedFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Name the account or organisation.';
  else if (values.name.trim().length > 200) errors.name = 'Use at most 200 characters.';
  if (!values.reason.trim()) errors.reason = 'Say why it is reserved, so colleagues understand.';
  else if (values.reason.length > 2000) errors.reason = 'Use at most 2000 characters.';
  if (values.handles.length > MAX_HANDLES) errors.handles = `At most ${MAX_HANDLES} handles.`;
  values.handles.forEach((h, i) => {
    const handle = h.handle.trim();
    const url = h.profile_url.trim();
    if (!handle && !url) errors[`handles.${i}.handle`] = 'Give a handle, a profile URL, or both.';
    if (handle && /\s/.test(handle)) errors[`handles.${i}.handle`] = 'A handle has no spaces.';
    if (url && !isHttpUrl(url)) {
      errors[`handles.${i}.profile_url`] = 'Use an address starting with http:// or https://.';
    }
  });
  if (values.expires_at && !localInputToIso(values.expires_at)) {
    errors.expires_at = 'Enter a valid date and time.';
  }
  return errors;
}

export function reservedFormToInput(values: ReservedFormValues): ReservedRelationshipInput {
  return {
    name: values.name.trim(),
    reason: values.reason.trim(),
    handles: values.handles.map((h) => {
      const out: Handle = { network: h.network };
      if (h.handle.trim()) out.handle = h.handle.trim();
      if (h.profile_url.trim()) out.profile_url = h.profile_url.trim();
      return out;
    }),
    owner: values.owner || null,
    allowed_members: values.allowed_members,
    allowed_roles: values.allowed_roles,
    expires_at: localInputToIso(values.expires_at),
  };
}

/** "@GlobexBank on X" style text for one handle. */
export function describeHandle(h: Handle, networkName: (n: HandleNetwork) => string): string {
  const who = h.handle ? (h.handle.startsWith('@') ? h.handle : `@${h.handle}`) : h.profile_url;
  return `${who} (${networkName(h.network)})`;
}

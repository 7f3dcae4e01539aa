// The content form: values as the inputs hold them, validation before any request, and
// the API's input built from them.
import type { Content, ContentInput, Network } from '@/api/types';

export interface ContentFormValues {
  title: string;
  url: string;
  summary: string;
  suggested_copy: string;
  /** {role_id: text}; empty texts are dropped on save. */
  angles: Record<string, string>;
  image_url: string;
  language: string;
  networks: Network[];
  disclaimer: string;
  /** `YYYY-MM-DDTHH:mm` in local time (a datetime-local input), or empty. */
  expires_at: string;
}

export const CONTENT_FIELDS = [
  'title',
  'url',
  'summary',
  'suggested_copy',
  'image_url',
  'language',
  'networks',
  'disclaimer',
  'expires_at',
] as const;

const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function contentToFormValues(content?: Content): ContentFormValues {
  return {
    title: content?.title ?? '',
    url: content?.url ?? '',
    summary: content?.summary ?? '',
    suggested_copy: content?.suggested_copy ?? '',
    angles: { ...(content?.angles ?? {}) },
    image_url: content?.image_url ?? '',
    language: content?.language || 'en',
    networks: content?.networks ?? [],
    disclaimer: content?.disclaimer ?? '',
    expires_at: toLocalInput(content?.expires_at),
  };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

export function validateUrl(value: string, required = false): string | null {
  if (!value.trim()) return required ? 'Enter a link.' : null;
  return isHttpUrl(value) ? null : 'Enter a web address starting with http:// or https://.';
}

export function validateContentForm(
  values: ContentFormValues,
  now = new Date(),
): Partial<Record<keyof ContentFormValues, string>> {
  const errors: Partial<Record<keyof ContentFormValues, string>> = {};
  if (!values.title.trim()) errors.title = 'Give the content a title.';
  const url = validateUrl(values.url);
  if (url) errors.url = url;
  const image = validateUrl(values.image_url);
  if (image) errors.image_url = image;
  if (!values.language.trim()) errors.language = 'Enter a language code such as en.';
  if (values.expires_at) {
    const at = new Date(values.expires_at);
    if (Number.isNaN(at.getTime())) errors.expires_at = 'Enter a date and time.';
    else if (at <= now) errors.expires_at = 'Choose a time in the future.';
  }
  return errors;
}

export function contentFormToInput(values: ContentFormValues): ContentInput {
  const angles = Object.fromEntries(
    Object.entries(values.angles)
      .map(([role, text]) => [role, text.trim()] as const)
      .filter(([, text]) => text),
  );
  return {
    title: values.title.trim(),
    url: values.url.trim(),
    summary: values.summary,
    suggested_copy: values.suggested_copy,
    angles,
    image_url: values.image_url.trim(),
    language: values.language.trim(),
    networks: values.networks,
    disclaimer: values.disclaimer,
    expires_at: values.expires_at ? new Date(values.expires_at).toISOString() : null,
  };
}

import { ApiError } from '@/api/client';

/**
 * Picks the server's field errors for the fields a form shows, as Mantine's
 * `form.setErrors` expects. `aliases` maps a server field path (e.g.
 * `settings.daily_share_cap`) to a form field when the two differ.
 */
export function serverFieldErrors(
  error: unknown,
  formFields: readonly string[],
  aliases: Record<string, string> = {},
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(error.fields)) {
    const field = aliases[path] ?? path.split('.').pop() ?? path;
    if (formFields.includes(field) && messages.length) out[field] = messages.join(' ');
  }
  return out;
}

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | null {
  if (!value.trim()) return 'Enter your email address.';
  return EMAIL_PATTERN.test(value.trim()) ? null : 'Enter a valid email address.';
}

export const MIN_PASSWORD_LENGTH = 8;

export function validateNewPassword(value: string): string | null {
  if (!value) return 'Choose a password.';
  if (value.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return null;
}

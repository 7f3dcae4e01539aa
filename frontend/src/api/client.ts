// The one way the SPA talks to the backend: same origin, session cookie, and Django's
// CSRF token echoed in X-CSRFToken on every unsafe request. Every failure becomes an
// ApiError carrying a sentence a person can read; raw bodies never reach the screen.

import type { paths } from './generated/schema';
import type { AllauthResponse } from './types';

export type FieldErrors = Record<string, string[]>;

/** One rule a share was checked against (`{code, ok, detail}` in refusals of shares). */
export interface ApiCheck {
  code: string;
  ok: boolean;
  detail: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldErrors;
  /** The checks a refused share failed or passed, when the body carried them. */
  readonly checks: ApiCheck[];

  constructor(
    status: number,
    code: string,
    detail: string,
    fields: FieldErrors = {},
    checks: ApiCheck[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fields = fields;
    this.checks = checks;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_COOKIE = 'csrftoken';

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Returns the CSRF token, asking Django to set the cookie first when it is missing.
 * The cookie is read fresh on every call: Django rotates it at login.
 */
export async function ensureCsrfToken(): Promise<string> {
  const existing = readCookie(CSRF_COOKIE);
  if (existing) return existing;
  await fetch('/api/v1/csrf', { credentials: 'same-origin' });
  return readCookie(CSRF_COOKIE) ?? '';
}

function statusSentence(status: number): string {
  if (status === 401) return 'You are not logged in, or your session has ended.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'This was not found.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return `The server had a problem (error ${status}). Please try again.`;
  return `The request failed (error ${status}).`;
}

function asMessages(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(asMessages);
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(asMessages);
  return [];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Flattens nested field errors to dotted keys: `{settings: {daily_share_cap: [..]}}` to
 * `settings.daily_share_cap`, and a list of objects' errors (`{objectives: [{}, {target:
 * [..]}]}`) to `objectives.1.target`, so a form can show each next to its row.
 */
function flattenFields(value: unknown, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  if (!isPlainObject(value)) {
    if (prefix) out[prefix] = asMessages(value);
    return out;
  }
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner)) {
      Object.assign(out, flattenFields(inner, path));
    } else if (Array.isArray(inner) && inner.some(isPlainObject)) {
      inner.forEach((item, index) => {
        if (isPlainObject(item)) Object.assign(out, flattenFields(item, `${path}.${index}`));
        else if (asMessages(item).length) out[`${path}.${index}`] = asMessages(item);
      });
    } else {
      out[path] = asMessages(inner);
    }
  }
  return out;
}

/** Turns a failed response body (ours, allauth's, or DRF's default) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (!body || typeof body !== 'object') {
    return new ApiError(status, `http_${status}`, statusSentence(status));
  }
  const data = body as Record<string, unknown>;

  // allauth headless: {status, errors: [{message, code, param}]}
  if (Array.isArray(data.errors)) {
    const fields: FieldErrors = {};
    const general: string[] = [];
    let code = `http_${status}`;
    for (const err of data.errors as { message?: string; code?: string; param?: string }[]) {
      if (err.code && code.startsWith('http_')) code = err.code;
      if (!err.message) continue;
      if (err.param) (fields[err.param] ??= []).push(err.message);
      else general.push(err.message);
    }
    const detail = general.join(' ') || Object.values(fields).flat()[0] || statusSentence(status);
    return new ApiError(status, code, detail, fields);
  }

  // Our API: {code, detail, fields?}; DRF's default: {detail} or {field: [messages]}.
  const fields = data.fields !== undefined ? flattenFields(data.fields) : {};
  const knownKeys = new Set(['code', 'detail', 'fields', 'checks', 'status']);
  if (data.fields === undefined && data.detail === undefined) {
    const loose = Object.fromEntries(Object.entries(data).filter(([k]) => !knownKeys.has(k)));
    Object.assign(fields, flattenFields(loose));
    const general = fields.non_field_errors;
    if (general) delete fields.non_field_errors;
    const detail =
      general?.join(' ') ||
      (Object.keys(fields).length ? 'Please correct the highlighted fields.' : '') ||
      statusSentence(status);
    return new ApiError(
      status,
      typeof data.code === 'string' ? data.code : 'invalid',
      detail,
      fields,
    );
  }
  let detail =
    typeof data.detail === 'string' && data.detail ? data.detail : statusSentence(status);
  // A validation summary built from nested errors ("objectives: {}") is not a sentence.
  if (/[{}[\]]/.test(detail)) {
    detail = Object.keys(fields).length
      ? 'Please correct the highlighted fields.'
      : statusSentence(status);
  }
  const code = typeof data.code === 'string' ? data.code : `http_${status}`;
  return new ApiError(status, code, detail, fields, readChecks(data.checks));
}

function readChecks(value: unknown): ApiCheck[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isPlainObject).map((check) => ({
    code: String(check.code ?? ''),
    ok: check.ok === true,
    detail: typeof check.detail === 'string' ? check.detail : '',
  }));
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function send(method: Method, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) headers['X-CSRFToken'] = await ensureCsrfToken();
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection.');
  }
}

/** Calls `/api/v1/...`; resolves with the parsed JSON (or null for 204), throws ApiError. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const url = path.startsWith('/') ? path : `/api/v1/${path}`;
  const response = await send(method, url, body);
  const data = await readBody(response);
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

export const apiGet = <T>(path: string) => api<T>('GET', path);

/**
 * Calls allauth's headless browser API. 200 and 401 both describe the session (401 means
 * "not logged in", possibly with a pending flow such as email verification), so both are
 * answers; anything else throws an ApiError.
 */
export async function allauth(
  method: Method,
  path: string,
  body?: unknown,
): Promise<AllauthResponse> {
  const response = await send(method, `/_allauth/browser/v1/${path}`, body);
  const data = (await readBody(response)) as AllauthResponse | null;
  if (response.status === 200 || response.status === 401) {
    return data ?? { status: response.status };
  }
  throw toApiError(response.status, data);
}

/** Every `/api/v1/` path template the committed OpenAPI schema declares. */
export type ApiPath = keyof paths;

type ParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/**
 * Fills a path template from the OpenAPI schema, e.g.
 * `apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug })`. The template must exist in
 * the schema and every placeholder must be given, so a renamed or removed endpoint fails
 * type checking instead of failing in a browser.
 */
export function apiPath<P extends ApiPath>(
  template: P,
  ...[params]: ParamNames<P> extends never ? [] : [Record<ParamNames<P>, string>]
): string {
  const values = (params ?? {}) as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

import { describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/test/render';

import { allauth, api, ApiError, apiPath, toApiError } from './client';

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

describe('api()', () => {
  it('sends the CSRF cookie as X-CSRFToken on unsafe methods, with cookies', async () => {
    document.cookie = 'csrftoken=tok-123';
    const fetchSpy = mockFetch({
      'PATCH /api/v1/orgs/demo/': () => jsonResponse({ slug: 'demo' }),
    });

    await api('PATCH', 'orgs/demo/', { name: 'Demo' });

    const [, init] = fetchSpy.mock.calls[0];
    expect(headersOf(init)['X-CSRFToken']).toBe('tok-123');
    expect(headersOf(init)['Content-Type']).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe(JSON.stringify({ name: 'Demo' }));
  });

  it('does not send a CSRF header on GET', async () => {
    document.cookie = 'csrftoken=tok-123';
    const fetchSpy = mockFetch({ 'GET /api/v1/me': () => jsonResponse({ id: '1' }) });

    await api('GET', 'me');

    expect(headersOf(fetchSpy.mock.calls[0][1])['X-CSRFToken']).toBeUndefined();
  });

  it('asks Django for a CSRF cookie first when there is none', async () => {
    const fetchSpy = mockFetch({
      'GET /api/v1/csrf': () => {
        document.cookie = 'csrftoken=fresh-token';
        return new Response(null, { status: 204 });
      },
      'POST /api/v1/orgs/': () => jsonResponse({ slug: 'acme' }, 201),
    });

    await api('POST', 'orgs/', { name: 'Acme', slug: 'acme' });

    expect(fetchSpy.mock.calls.map(([url]) => url)).toEqual(['/api/v1/csrf', '/api/v1/orgs/']);
    expect(headersOf(fetchSpy.mock.calls[1][1])['X-CSRFToken']).toBe('fresh-token');
  });

  it('turns our error body into an ApiError with detail and field messages', async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      'PATCH /api/v1/orgs/demo/': () =>
        jsonResponse(
          {
            code: 'invalid',
            detail: 'Some settings are invalid.',
            fields: { settings: { daily_share_cap: ['Must be at most 100.'] } },
          },
          400,
        ),
    });

    const error = await api('PATCH', 'orgs/demo/', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid',
      detail: 'Some settings are invalid.',
      fields: { 'settings.daily_share_cap': ['Must be at most 100.'] },
    });
  });

  it('keys errors of a list of objects by index and never shows a raw summary', async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      'POST /api/v1/orgs/demo/roles/': () =>
        jsonResponse(
          {
            code: 'validation_error',
            detail: 'objectives: {}',
            fields: {
              name: ['A role needs a name.'],
              objectives: [{}, { target: ['Ensure this value is greater than or equal to 1.'] }],
            },
          },
          400,
        ),
    });

    const error = await api('POST', 'orgs/demo/roles/', {}).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'validation_error',
      detail: 'Please correct the highlighted fields.',
      fields: {
        name: ['A role needs a name.'],
        'objectives.1.target': ['Ensure this value is greater than or equal to 1.'],
      },
    });
  });

  it('never shows an HTML error page: a 500 becomes a sentence', async () => {
    mockFetch({
      'GET /api/v1/me': () =>
        new Response('<html>Traceback…</html>', {
          status: 500,
          headers: { 'Content-Type': 'text/html' },
        }),
    });

    const error = (await api('GET', 'me').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(500);
    expect(error.detail).toBe('The server had a problem (error 500). Please try again.');
    expect(error.detail).not.toContain('Traceback');
  });

  it('reports a network failure in plain words', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));

    const error = (await api('GET', 'me').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('network_error');
    expect(error.detail).toMatch(/could not reach the server/i);
  });
});

describe('allauth()', () => {
  it('treats 401 as an answer (not logged in), not as a failure', async () => {
    mockFetch({
      'GET /_allauth/browser/v1/auth/session': () =>
        jsonResponse({ status: 401, data: { flows: [{ id: 'login' }] }, meta: {} }, 401),
    });

    const response = await allauth('GET', 'auth/session');

    expect(response.status).toBe(401);
  });

  it('maps allauth errors to a detail and per-field messages', async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      'POST /_allauth/browser/v1/auth/login': () =>
        jsonResponse(
          {
            status: 400,
            errors: [
              {
                message: 'The email address and/or password you specified are not correct.',
                code: 'email_password_mismatch',
                param: 'password',
              },
            ],
          },
          400,
        ),
    });

    const error = (await allauth('POST', 'auth/login', { email: 'a@b.c', password: 'x' }).catch(
      (e: unknown) => e,
    )) as ApiError;

    expect(error.code).toBe('email_password_mismatch');
    expect(error.detail).toBe('The email address and/or password you specified are not correct.');
    expect(error.fields.password).toEqual([
      'The email address and/or password you specified are not correct.',
    ]);
  });
});

describe('toApiError()', () => {
  it("reads DRF's default field dictionary", () => {
    const error = toApiError(400, { email: ['Enter a valid email address.'] });
    expect(error.fields).toEqual({ email: ['Enter a valid email address.'] });
    expect(error.detail).toBe('Please correct the highlighted fields.');
  });

  it('explains throttling', () => {
    expect(toApiError(429, null).detail).toMatch(/too many attempts/i);
  });
});

describe('apiPath()', () => {
  it('fills and encodes the placeholders of a schema path', () => {
    expect(apiPath('/api/v1/orgs/{org_slug}/members/{id}/', { org_slug: 'demo', id: 'a/b' })).toBe(
      '/api/v1/orgs/demo/members/a%2Fb/',
    );
    expect(apiPath('/api/v1/me')).toBe('/api/v1/me');
  });

  it('only accepts paths the OpenAPI schema declares (checked by tsc)', () => {
    // @ts-expect-error: not an endpoint of the committed schema
    expect(apiPath('/api/v1/no-such-endpoint')).toBe('/api/v1/no-such-endpoint');
    // @ts-expect-error: a placeholder is missing
    expect(() => apiPath('/api/v1/orgs/{org_slug}/', {})).not.toThrow();
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { LoginPage } from './LoginPage';
import { SignupPage } from './SignupPage';

describe('LoginPage', () => {
  it('checks the fields before calling the server', async () => {
    const fetchSpy = mockFetch({});
    renderWithProviders(<LoginPage />, { route: '/login' });

    await userEvent.type(screen.getByLabelText(/email/i), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(screen.getByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("shows allauth's message on a wrong password and stays on the page", async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      'GET /api/v1/sso/discover': () => jsonResponse({ providers: [] }),
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
    renderWithProviders(<LoginPage />, { route: '/login?next=/o/demo' });

    await userEvent.type(screen.getByLabelText(/email/i), 'pat@demo.example');
    await userEvent.type(screen.getByLabelText(/password/i, { selector: 'input' }), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The email address and/or password you specified are not correct.',
    );
    expect(screen.getByTestId('location')).toHaveTextContent('/login?next=/o/demo');
  });

  it('offers single sign-on when the email domain has a provider', async () => {
    mockFetch({
      'GET /api/v1/sso/discover': () =>
        jsonResponse({ providers: [{ id: 'acme-oidc', name: 'Acme Okta', kind: 'oidc' }] }),
    });
    renderWithProviders(<LoginPage />, { route: '/login' });

    await userEvent.type(screen.getByLabelText(/email/i), 'pat@acme.example');

    const button = await screen.findByRole('button', { name: 'Continue with Acme Okta' });
    const form = button.closest('form');
    expect(form).toHaveAttribute('action', '/_allauth/browser/v1/auth/provider/redirect');
    expect(form).toHaveAttribute('method', 'post');
    expect(form?.querySelector('input[name="provider"]')).toHaveValue('acme-oidc');
  });
});

describe('SignupPage', () => {
  it('refuses a short password and differing confirmation without calling the server', async () => {
    const fetchSpy = mockFetch({});
    renderWithProviders(<SignupPage />, { route: '/signup' });

    await userEvent.type(screen.getByLabelText(/^email/i), 'new@demo.example');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'short');
    await userEvent.type(
      screen.getByLabelText(/repeat the password/i, { selector: 'input' }),
      'other',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    expect(screen.getByText('The passwords differ.')).toBeInTheDocument();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

import { Alert, Anchor, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { errorMessage } from '@/components/PageState';
import { safeNext, serverFieldErrors, validateEmail } from '@/lib/forms';

import { useLogin, useSsoDiscovery } from '../api/auth';

import { AuthLayout } from './AuthLayout';
import { SsoButtons } from './SsoButtons';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const login = useLogin();
  const [notice, setNotice] = useState<string | null>(null);

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: {
      email: validateEmail,
      password: (value) => (value ? null : 'Enter your password.'),
    },
  });

  const [debouncedEmail] = useDebouncedValue(form.values.email.trim(), 400);
  const sso = useSsoDiscovery(debouncedEmail);

  const onSubmit = form.onSubmit((values) => {
    setNotice(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (session) => {
          if (session.user) navigate(next, { replace: true });
          else if (session.pendingFlows.includes('verify_email')) {
            setNotice('Please confirm your email address first: we sent you a link.');
          } else {
            setNotice('One more step is needed before you can log in.');
          }
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, ['email', 'password'])),
      },
    );
  });

  const signupLink = `/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;

  return (
    <AuthLayout
      title="Log in"
      subtitle="Welcome back. Use your work email."
      footer={
        <>
          New here?{' '}
          <Anchor component={Link} to={signupLink}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {login.error && (
            <Alert color="red" role="alert" title="Could not log you in">
              {errorMessage(login.error)}
            </Alert>
          )}
          {notice && (
            <Alert color="blue" role="status">
              {notice}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Anchor component={Link} to="/account/password/reset" size="sm">
            Forgot your password?
          </Anchor>
          <Button type="submit" loading={login.isPending} fullWidth>
            Log in
          </Button>
        </Stack>
      </form>
      {sso.data && sso.data.length > 0 && (
        <>
          <Divider label="or use your organisation's sign-in" labelPosition="center" />
          <SsoButtons providers={sso.data} />
        </>
      )}
    </AuthLayout>
  );
}

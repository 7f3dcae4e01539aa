import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { errorMessage } from '@/components/PageState';
import { safeNext, serverFieldErrors, validateEmail, validateNewPassword } from '@/lib/forms';

import { useSignup } from '../api/auth';

import { AuthLayout } from './AuthLayout';

export function SignupPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const signup = useSignup();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: params.get('email') ?? '', password: '', confirm: '' },
    validate: {
      email: validateEmail,
      password: validateNewPassword,
      confirm: (value, values) => (value === values.password ? null : 'The passwords differ.'),
    },
  });

  const onSubmit = form.onSubmit((values) => {
    signup.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (session) => {
          if (session.user) navigate(next, { replace: true });
          else setSentTo(values.email.trim());
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, ['email', 'password'])),
      },
    );
  });

  const loginLink = `/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;

  if (sentTo) {
    return (
      <AuthLayout title="Check your inbox">
        <Alert color="green" role="status">
          We sent a confirmation link to <strong>{sentTo}</strong>. Open it to finish creating your
          account.
        </Alert>
        <Anchor component={Link} to={loginLink}>
          Back to log in
        </Anchor>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Use the work email your invitation was sent to."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={loginLink}>
            Log in
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {signup.error && (
            <Alert color="red" role="alert" title="Could not create the account">
              {errorMessage(signup.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={signup.isPending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

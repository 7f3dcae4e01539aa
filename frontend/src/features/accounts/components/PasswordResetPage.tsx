import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError } from '@/api/client';
import { errorMessage } from '@/components/PageState';
import { serverFieldErrors, validateNewPassword } from '@/lib/forms';

import { useResetPassword } from '../api/auth';

import { AuthLayout } from './AuthLayout';

export function PasswordResetPage() {
  const { key = '' } = useParams();
  const navigate = useNavigate();
  const reset = useResetPassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: validateNewPassword,
      confirm: (value, values) => (value === values.password ? null : 'The passwords differ.'),
    },
  });

  const onSubmit = form.onSubmit((values) =>
    reset.mutate(
      { key, password: values.password },
      {
        onSuccess: (session) => {
          if (session.user) navigate('/', { replace: true });
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, ['password'])),
      },
    ),
  );

  const badKey = reset.error instanceof ApiError && reset.error.fields.key !== undefined;

  return (
    <AuthLayout title="Choose a new password">
      {reset.isSuccess && !reset.data.user ? (
        <Stack gap="sm">
          <Alert color="green" role="status">
            Your password was changed. You can log in with it now.
          </Alert>
          <Button component={Link} to="/login">
            Log in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            {reset.error && (
              <Alert color="red" role="alert" title="Could not change the password">
                {errorMessage(reset.error)}{' '}
                {badKey && (
                  <Anchor component={Link} to="/account/password/reset">
                    Ask for a new link.
                  </Anchor>
                )}
              </Alert>
            )}
            <PasswordInput
              label="New password"
              description="At least 8 characters."
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              required
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" loading={reset.isPending} fullWidth>
              Save new password
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

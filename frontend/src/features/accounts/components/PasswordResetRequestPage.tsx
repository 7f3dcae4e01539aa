import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';

import { errorMessage } from '@/components/PageState';
import { serverFieldErrors, validateEmail } from '@/lib/forms';

import { useRequestPasswordReset } from '../api/auth';

import { AuthLayout } from './AuthLayout';

export function PasswordResetRequestPage() {
  const request = useRequestPasswordReset();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: validateEmail },
  });

  const onSubmit = form.onSubmit((values) =>
    request.mutate(values.email.trim(), {
      onError: (error) => form.setErrors(serverFieldErrors(error, ['email'])),
    }),
  );

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="We will email you a link to choose a new one."
      footer={
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      }
    >
      {request.isSuccess ? (
        <Alert color="green" role="status">
          If an account uses <strong>{form.values.email.trim()}</strong>, a reset link is on its
          way. Check your inbox.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            {request.error && (
              <Alert color="red" role="alert">
                {errorMessage(request.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

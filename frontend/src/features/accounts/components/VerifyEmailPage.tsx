import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';

import { errorMessage } from '@/components/PageState';

import { useVerifyEmail } from '../api/auth';

import { AuthLayout } from './AuthLayout';

/**
 * Confirming takes a click rather than happening on load: mail scanners open links, and
 * a person should see what they are confirming.
 */
export function VerifyEmailPage() {
  const { key = '' } = useParams();
  const navigate = useNavigate();
  const verify = useVerifyEmail();

  const done = verify.isSuccess && !verify.data.user;

  return (
    <AuthLayout title="Confirm your email">
      {verify.error && (
        <Alert color="red" role="alert" title="Could not confirm">
          {errorMessage(verify.error)} The link may have expired; log in to get a new one.
        </Alert>
      )}
      {done ? (
        <Stack gap="sm">
          <Alert color="green" role="status">
            Your email address is confirmed.
          </Alert>
          <Button component={Link} to="/login">
            Log in
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text>Confirm this email address to finish setting up your account.</Text>
          <Button
            loading={verify.isPending}
            onClick={() =>
              verify.mutate(key, {
                onSuccess: (session) => {
                  if (session.user) navigate('/', { replace: true });
                },
              })
            }
          >
            Confirm my email
          </Button>
          <Anchor component={Link} to="/login" size="sm">
            Back to log in
          </Anchor>
        </Stack>
      )}
    </AuthLayout>
  );
}

import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError } from '@/api/client';
import { LoadingState } from '@/components/PageState';
import { formatDate, roleLabel } from '@/lib/labels';

import { useSession } from '../api/auth';
import { useAcceptInvitation, useInvitationPreview } from '../api/invitations';

import { AuthLayout } from './AuthLayout';

const ACCEPT_ERRORS: Record<string, string> = {
  invitation_expired: 'This invitation has expired. Ask your administrator for a new one.',
  invitation_used: 'This invitation was already used.',
  invitation_wrong_email:
    'This invitation was sent to another email address. Log in with that address to accept it.',
  not_found: 'This invitation does not exist or was revoked.',
};

function acceptErrorText(error: unknown): string {
  if (error instanceof ApiError) return ACCEPT_ERRORS[error.code] ?? error.detail;
  return 'Something went wrong. Please try again.';
}

export function InvitationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);

  if (preview.isPending || session.isPending) {
    return (
      <AuthLayout title="Invitation">
        <LoadingState />
      </AuthLayout>
    );
  }

  if (preview.error) {
    return (
      <AuthLayout title="Invitation">
        <Alert color="red" role="alert" title="This invitation cannot be used">
          {acceptErrorText(preview.error)}
        </Alert>
      </AuthLayout>
    );
  }

  const invitation = preview.data;
  const user = session.data?.user ?? null;
  const here = `/invitations/${encodeURIComponent(token)}`;
  const unusable = invitation.status !== 'pending';

  return (
    <AuthLayout
      title={`Join ${invitation.org_name}`}
      subtitle={`You are invited as ${roleLabel(invitation.org_role)}.`}
    >
      <Stack gap="xs">
        <Text size="sm">
          Sent to <strong>{invitation.email}</strong>, valid until{' '}
          {formatDate(invitation.expires_at)}.
        </Text>
      </Stack>
      {unusable && (
        <Alert color="yellow" role="alert">
          {invitation.status === 'accepted'
            ? ACCEPT_ERRORS.invitation_used
            : invitation.status === 'expired'
              ? ACCEPT_ERRORS.invitation_expired
              : ACCEPT_ERRORS.not_found}
        </Alert>
      )}
      {accept.error && (
        <Alert color="red" role="alert" title="Could not accept">
          {acceptErrorText(accept.error)}
        </Alert>
      )}
      {!unusable && user && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Logged in as {user.email}.
          </Text>
          <Button
            loading={accept.isPending}
            onClick={() =>
              accept.mutate(undefined, {
                onSuccess: (result) =>
                  navigate(`/o/${encodeURIComponent(result.org_slug)}`, { replace: true }),
              })
            }
          >
            Accept invitation
          </Button>
        </Stack>
      )}
      {!unusable && !user && (
        <Stack gap="xs">
          <Text size="sm">Log in or create an account with this email to accept.</Text>
          <Group grow>
            <Button
              component={Link}
              to={`/login?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
            >
              Log in
            </Button>
            <Button
              variant="default"
              component={Link}
              to={`/signup?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
            >
              Sign up
            </Button>
          </Group>
        </Stack>
      )}
    </AuthLayout>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';

export function NoAccessPage() {
  const { org } = useParams();
  useDocumentTitle('No access · Advocacy');
  return (
    <Stack align="center" gap="sm" py="xl" ta="center" role="alert">
      <Title order={1}>You do not have access to this page</Title>
      <Text c="dimmed" maw={480}>
        Only organisation admins can open it. If you need it, ask an admin of your organisation to
        change your role.
      </Text>
      <Button component={Link} to={org ? `/o/${encodeURIComponent(org)}` : '/'}>
        Back to home
      </Button>
    </Stack>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export function NotFoundPage({
  title = 'Page not found',
  message = 'The address may be mistyped, or the page has moved.',
}: {
  title?: string;
  message?: string;
}) {
  useDocumentTitle(`${title} · Advocacy`);
  return (
    <Stack component="main" align="center" gap="sm" py="xl" px="md" ta="center">
      <Title order={1}>{title}</Title>
      <Text c="dimmed" maw={480}>
        {message}
      </Text>
      <Button component={Link} to="/">
        Go to my home page
      </Button>
    </Stack>
  );
}

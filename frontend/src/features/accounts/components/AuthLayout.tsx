import { Anchor, Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The narrow, centred card every signed-out page uses; readable on a phone. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Box component="main" mih="100vh" bg="gray.0" py={{ base: 'lg', sm: 60 }}>
      <Container size={440} px="md">
        <Stack gap="lg">
          <Anchor
            component={Link}
            to="/"
            fw={700}
            size="lg"
            c="blue.8"
            ta="center"
            underline="never"
          >
            Advocacy
          </Anchor>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {title}
                </Title>
                {subtitle && (
                  <Text c="dimmed" size="sm" mt={4}>
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
          {footer && (
            <Text size="sm" ta="center">
              {footer}
            </Text>
          )}
        </Stack>
      </Container>
    </Box>
  );
}

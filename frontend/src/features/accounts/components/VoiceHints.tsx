import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';

import { useVoiceProfile } from '../api/voice';
import { avoidedWordsIn, isVoiceEmpty, usesHashtag } from '../lib/voice';

/**
 * The writer's own voice next to a text they are writing: their tone, signature hashtags
 * (marked once used) and the words they avoid (flagged when the text uses one). A reminder
 * only: nothing is added to or changed in the text.
 */
export function VoiceHints({
  org,
  text,
  voiceHref,
}: {
  org: string;
  /** What the person has written so far. */
  text: string;
  /** The voice profile page; opened in a new tab so the text being written is kept. */
  voiceHref: string;
}) {
  const profile = useVoiceProfile(org);
  const titleId = useId();

  const editLink = (label: string) => (
    <Anchor component={Link} to={voiceHref} target="_blank" rel="noopener" size="sm">
      {label} <VisuallyHidden>(opens in a new tab)</VisuallyHidden>
    </Anchor>
  );

  let body;
  if (profile.isPending) {
    body = (
      <Text size="sm" c="dimmed" role="status">
        Loading your voice…
      </Text>
    );
  } else if (profile.error) {
    body = (
      <Stack gap={4} align="flex-start">
        <Text size="sm" c="dimmed">
          Your voice profile could not be loaded.
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => void profile.refetch()}>
          Try again
        </Button>
      </Stack>
    );
  } else if (isVoiceEmpty(profile.data)) {
    body = (
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          Describe your voice once (your tone, hashtags and the words you avoid) and it shows here
          while you write.
        </Text>
        {editLink('Describe my voice')}
      </Stack>
    );
  } else {
    const { tone, signature_hashtags: hashtags, words_to_avoid: avoid } = profile.data;
    const used = avoidedWordsIn(text, avoid);
    body = (
      <Stack gap="sm">
        {tone.trim() && (
          <Text size="sm">
            <Text span fw={600}>
              Tone:{' '}
            </Text>
            <span data-testid="voice-tone">{tone}</span>
          </Text>
        )}
        {hashtags.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              Your hashtags
            </Text>
            <Group gap={6} mt={4} role="list" aria-label="Your hashtags">
              {hashtags.map((tag) => {
                const inText = usesHashtag(text, tag);
                return (
                  <Badge
                    key={tag}
                    role="listitem"
                    tt="none"
                    variant={inText ? 'filled' : 'light'}
                    color={inText ? 'green' : 'blue'}
                  >
                    {tag}
                    {inText && <VisuallyHidden> (in your text)</VisuallyHidden>}
                  </Badge>
                );
              })}
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              Add one if it fits; none is added for you.
            </Text>
          </Box>
        )}
        {avoid.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              Words you avoid
            </Text>
            <Group gap={6} mt={4} role="list" aria-label="Words you avoid">
              {avoid.map((word) => {
                const inText = used.includes(word);
                return (
                  <Badge
                    key={word}
                    role="listitem"
                    tt="none"
                    variant={inText ? 'filled' : 'outline'}
                    color={inText ? 'red' : 'gray'}
                  >
                    {word}
                    {inText && <VisuallyHidden> (in your text)</VisuallyHidden>}
                  </Badge>
                );
              })}
            </Group>
          </Box>
        )}
        <Box aria-live="polite">
          {used.length > 0 && (
            <Alert color="orange" p="xs" data-testid="voice-avoid-warning">
              <Text size="sm">
                Your text uses {used.map((word) => `“${word}”`).join(', ')}, which you prefer to
                avoid.
              </Text>
            </Alert>
          )}
        </Box>
        {editLink('Edit my voice')}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="sm" radius="md" component="aside" aria-labelledby={titleId}>
      <Title order={2} size="h5" id={titleId} mb={6}>
        Your voice
      </Title>
      {body}
    </Card>
  );
}

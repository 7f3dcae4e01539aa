import {
  Alert,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import type { VoiceProfile } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';

import { useSaveVoiceProfile, useVoiceProfile } from '../api/voice';
import {
  isVoiceEmpty,
  LANGUAGE_SUGGESTIONS,
  languageName,
  MAX_AVOID,
  MAX_HASHTAGS,
  MAX_LANGUAGES,
  MAX_SAMPLE_LENGTH,
  MAX_SAMPLES,
  MAX_TONE,
  MAX_TOPICS,
  normaliseLanguage,
  samplePost,
  validateVoiceForm,
  voiceErrorsFromApi,
  voiceFormToInput,
  voiceToFormValues,
} from '../lib/voice';
import type { VoiceFormValues } from '../lib/voice';

const FORM_ID = 'voice-profile-form';

/** The caller's own voice profile in this organisation: how they sound when they share. */
export function VoiceProfilePage({ org }: { org: string }) {
  const profile = useVoiceProfile(org);
  return (
    <>
      <PageHeader
        title="My voice"
        description="How you sound when you share. It guides you while you write; it never writes or posts anything for you."
      />
      {profile.isPending ? (
        <LoadingState label="Loading your voice profile…" />
      ) : profile.error ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <Stack gap="lg" maw={820}>
          {isVoiceEmpty(profile.data) && <WhyVoice />}
          <VoiceForm org={org} profile={profile.data} />
        </Stack>
      )}
    </>
  );
}

/** The empty state: what a voice profile is for, before anything is described. */
function WhyVoice() {
  return (
    <Card withBorder padding="lg" radius="md" data-testid="voice-empty">
      <Title order={2} size="h3">
        You have not described your voice yet
      </Title>
      <Text mt={4}>
        People trust people, not press releases. A few lines about how you write keep your shares
        sounding like you:
      </Text>
      <List mt="sm" spacing="xs">
        <List.Item>
          While you write a share, your tone, signature hashtags and the words you avoid are shown
          next to the text box, and you are warned when a word you avoid slips in.
        </List.Item>
        <List.Item>
          Sample posts in your own words remind you how you usually put things, so you do not fall
          back on the suggested copy.
        </List.Item>
        <List.Item>
          Nothing is written or posted on your behalf: you still write and confirm every share.
        </List.Item>
      </List>
    </Card>
  );
}

function VoiceForm({ org, profile }: { org: string; profile: VoiceProfile }) {
  const save = useSaveVoiceProfile(org);
  const form = useForm<VoiceFormValues>({
    mode: 'controlled',
    initialValues: voiceToFormValues(profile),
    validate: validateVoiceForm,
  });
  const values = form.getValues();
  const languageNames = values.languages.map((code) => languageName(normaliseLanguage(code)));

  // Keyboard and screen reader users land on the first field to fix.
  const focusFirstInvalid = () =>
    window.setTimeout(() => {
      document.querySelector<HTMLElement>(`#${FORM_ID} [aria-invalid="true"]`)?.focus();
    }, 0);

  const onSubmit = form.onSubmit((submitted) => {
    save.mutate(voiceFormToInput(submitted), {
      onSuccess: (saved) => {
        const next = voiceToFormValues(saved);
        // What the server kept (normalised) becomes what "Discard changes" returns to.
        form.setInitialValues(next);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: 'green', message: 'Your voice profile is saved.' });
      },
      onError: (error) => {
        form.setErrors(voiceErrorsFromApi(error, submitted));
        focusFirstInvalid();
      },
    });
  }, focusFirstInvalid);

  const addSample = () => {
    const post = samplePost();
    form.insertListItem('sample_posts', post);
    // Keyboard users land in the new box.
    window.setTimeout(() => document.getElementById(`sample-post-${post.key}`)?.focus(), 0);
  };

  return (
    <form id={FORM_ID} onSubmit={onSubmit} noValidate aria-label="Voice profile">
      <Stack gap="lg">
        {save.error && (
          <Alert color="red" role="alert" title="Your voice profile was not saved">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Fieldset legend="How you sound">
          <Stack gap="md">
            <TextInput
              label="Tone"
              description="A few words, e.g. “plain-spoken, curious, a little dry”."
              placeholder="Plain-spoken, curious"
              maxLength={MAX_TONE}
              {...form.getInputProps('tone')}
            />
            <TagsInput
              label="Expertise topics"
              description={`What you know and like to talk about. Press Enter or a comma after each; at most ${MAX_TOPICS}.`}
              placeholder="Add a topic"
              maxTags={MAX_TOPICS}
              splitChars={[',']}
              clearable
              {...form.getInputProps('expertise_topics')}
            />
            <TagsInput
              label="Languages you post in"
              description={`Language codes such as en, fr or pt-BR; at most ${MAX_LANGUAGES}.`}
              placeholder="Add a language code"
              data={LANGUAGE_SUGGESTIONS}
              renderOption={({ option }) => `${option.value} · ${languageName(option.value)}`}
              maxTags={MAX_LANGUAGES}
              splitChars={[',', ' ']}
              clearable
              {...form.getInputProps('languages')}
            />
            {languageNames.length > 0 && (
              <Text size="sm" c="dimmed" data-testid="language-names" mt={-8}>
                You post in {languageNames.join(', ')}.
              </Text>
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend="Your words">
          <Stack gap="md">
            <TagsInput
              label="Signature hashtags"
              description={`Hashtags you like to use, such as #fintech; at most ${MAX_HASHTAGS}. They are shown as a reminder while you write, never added for you.`}
              placeholder="Add a hashtag"
              maxTags={MAX_HASHTAGS}
              splitChars={[',', ' ']}
              clearable
              {...form.getInputProps('signature_hashtags')}
            />
            <TagsInput
              label="Words to avoid"
              description={`Words or phrases that do not sound like you, e.g. “synergy”; at most ${MAX_AVOID}. You are warned when a share uses one.`}
              placeholder="Add a word or phrase"
              maxTags={MAX_AVOID}
              splitChars={[',']}
              clearable
              {...form.getInputProps('words_to_avoid')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Sample posts">
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              Up to {MAX_SAMPLES} posts you wrote yourself, in your own words. They remind you how
              you usually say things.
            </Text>
            {values.sample_posts.length === 0 && (
              <Text size="sm" data-testid="no-samples">
                No sample posts yet.
              </Text>
            )}
            {values.sample_posts.map((post, index) => (
              <Stack key={post.key} gap={4} data-testid="sample-post">
                <Textarea
                  id={`sample-post-${post.key}`}
                  label={`Sample post ${index + 1}`}
                  description={`${post.text.trim().length} / ${MAX_SAMPLE_LENGTH} characters`}
                  autosize
                  minRows={3}
                  {...form.getInputProps(`sample_posts.${index}.text`)}
                />
                <Group justify="flex-end">
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    aria-label={`Remove sample post ${index + 1}`}
                    onClick={() => form.removeListItem('sample_posts', index)}
                  >
                    Remove
                  </Button>
                </Group>
              </Stack>
            ))}
            {form.errors.sample_posts && (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.sample_posts}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                onClick={addSample}
                disabled={values.sample_posts.length >= MAX_SAMPLES}
              >
                Add a sample post
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={save.isPending}>
            Save my voice
          </Button>
          <Button variant="subtle" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import type { Audience, AudienceInput, Network } from '@/api/types';

export const MAX_AUDIENCE_NAME = 100;
export const MAX_TOPICS = 50;
export const MAX_TOPIC_LENGTH = 60;
export const MAX_NOTES = 5000;

export interface AudienceFormValues {
  name: string;
  description: string;
  topics: string[];
  networks: Network[];
  engagement_notes: string;
}

export function audienceToFormValues(audience?: Audience): AudienceFormValues {
  return {
    name: audience?.name ?? '',
    description: audience?.description ?? '',
    topics: audience?.topics ?? [],
    networks: audience?.networks ?? [],
    engagement_notes: audience?.engagement_notes ?? '',
  };
}

export function validateAudienceForm(values: AudienceFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'An audience needs a name.';
  else if (name.length > MAX_AUDIENCE_NAME) {
    errors.name = `Use at most ${MAX_AUDIENCE_NAME} characters.`;
  }
  if (values.description.length > 2000) errors.description = 'Use at most 2000 characters.';
  if (values.topics.length > MAX_TOPICS) errors.topics = `At most ${MAX_TOPICS} topics.`;
  else {
    const long = values.topics.find((t) => t.trim().length > MAX_TOPIC_LENGTH);
    if (long)
      errors.topics = `“${long.slice(0, 20)}…” is longer than ${MAX_TOPIC_LENGTH} characters.`;
  }
  if (values.engagement_notes.length > MAX_NOTES) {
    errors.engagement_notes = `Use at most ${MAX_NOTES} characters.`;
  }
  return errors;
}

export function audienceFormToInput(values: AudienceFormValues): AudienceInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    topics: values.topics.map((t) => t.trim()).filter(Boolean),
    networks: values.networks,
    engagement_notes: values.engagement_notes.trim(),
  };
}

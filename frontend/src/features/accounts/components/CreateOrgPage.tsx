import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';

import { errorMessage } from '@/components/PageState';
import { serverFieldErrors } from '@/lib/forms';

import { useCreateOrg } from '../api/auth';

import { AuthLayout } from './AuthLayout';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

export function CreateOrgPage() {
  const navigate = useNavigate();
  const create = useCreateOrg();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', slug: '' },
    validate: {
      name: (value) => (value.trim() ? null : 'Give your organisation a name.'),
      slug: (value) =>
        SLUG_PATTERN.test(value)
          ? null
          : 'Use lowercase letters, digits and single hyphens (e.g. acme-corp).',
    },
    onValuesChange: (values, previous) => {
      // Keep the slug following the name until the person edits the slug themselves.
      if (values.name !== previous.name && previous.slug === slugify(previous.name)) {
        form.setFieldValue('slug', slugify(values.name));
      }
    },
  });

  const onSubmit = form.onSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), slug: values.slug },
      {
        onSuccess: (org) => navigate(`/o/${encodeURIComponent(org.slug)}`, { replace: true }),
        onError: (error) => form.setErrors(serverFieldErrors(error, ['name', 'slug'])),
      },
    ),
  );

  return (
    <AuthLayout
      title="Create your organisation"
      subtitle="You are not in an organisation yet. Create one and you become its admin, or open the invitation link a colleague sent you."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {create.error && (
            <Alert color="red" role="alert" title="Could not create the organisation">
              {errorMessage(create.error)}
            </Alert>
          )}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput
            label="Short name in addresses"
            description="Appears in links, e.g. /o/acme-corp"
            required
            {...form.getInputProps('slug')}
          />
          <Button type="submit" loading={create.isPending} fullWidth>
            Create organisation
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

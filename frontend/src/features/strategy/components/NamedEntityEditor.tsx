import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Fragment, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';

import type { EngagementLevel } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { levelLabel } from '@/lib/labels';

import { useArchiveEntity, useEntity, useSaveEntity } from '../api/strategy';
import type { EntityInputs, EntityKind, EntityTypes } from '../api/strategy';
import { formErrorsFromApi } from '../lib/objectives';

import { GrantsPanel } from './GrantsPanel';
import { LEVEL_COLORS } from './MatrixPage';

/** The words the shared editor uses for one kind: "role", "Role", and its own sentences. */
export interface EntityEditorCopy {
  /** Lower case, for buttons and dialogs: "role". */
  noun: string;
  /** Capitalised, for notifications: "Role". */
  Noun: string;
  /** The back link: "All roles". */
  backLabel: string;
  /** Under the title while editing or creating. */
  description: string;
  /** Under the title of an archived one. */
  archivedDescription: string;
  /** What archiving does, after its quoted name in the confirmation dialog. */
  archiveConsequence: string;
}

/**
 * The page frame roles and audiences share: a back link, loading and error states, the
 * form for editors (a new one when `id` is undefined) or a read-only view for everyone
 * else, what the matrix maps it to, and the grants panel for admins.
 */
export function NamedEntityEditorPage<K extends EntityKind>({
  org,
  kind,
  id,
  canEdit,
  isAdmin,
  basePath,
  copy,
  renderForm,
  renderDetail,
  renderMapping,
}: {
  org: string;
  kind: K;
  id?: string;
  canEdit: boolean;
  isAdmin: boolean;
  basePath: string;
  copy: EntityEditorCopy;
  renderForm: (entity: EntityTypes[K] | undefined) => ReactNode;
  renderDetail: (entity: EntityTypes[K]) => ReactNode;
  renderMapping: (entity: EntityTypes[K]) => ReactNode;
}) {
  const entity = useEntity(org, kind, id);
  const back = (
    <Anchor component={Link} to={`${basePath}/${kind}`} size="sm">
      ← {copy.backLabel}
    </Anchor>
  );

  if (id && entity.isPending) return <LoadingState />;
  if (id && entity.error) {
    return (
      <>
        {back}
        <ErrorState error={entity.error} onRetry={() => void entity.refetch()} />
      </>
    );
  }
  const data = id ? entity.data : undefined;

  return (
    <>
      {back}
      {canEdit ? (
        // A fresh form (and its state) per object.
        <Fragment key={data?.id ?? 'new'}>{renderForm(data)}</Fragment>
      ) : data ? (
        renderDetail(data)
      ) : null}
      {data && renderMapping(data)}
      {data && isAdmin && (
        <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
          <GrantsPanel org={org} kind={kind} id={data.id} objectName={data.name} />
        </div>
      )}
    </>
  );
}

/**
 * The editing scaffold: title with the archive or restore action, the form element with
 * its error alert, Save and Cancel, and the archive confirmation. The caller owns the
 * Mantine form (its values and validation) and renders the fields as children.
 */
export function NamedEntityForm<K extends EntityKind, V>({
  org,
  kind,
  entity,
  basePath,
  copy,
  form,
  fields,
  toInput,
  toValues,
  children,
}: {
  org: string;
  kind: K;
  /** Undefined: creating a new one. */
  entity?: EntityTypes[K];
  basePath: string;
  copy: EntityEditorCopy;
  form: UseFormReturnType<V>;
  /** Fields whose server errors are shown next to them. */
  fields: readonly string[];
  toInput: (values: V) => EntityInputs[K];
  toValues: (saved: EntityTypes[K]) => V;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const save = useSaveEntity(org, kind);
  const archive = useArchiveEntity(org, kind);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const listPath = `${basePath}/${kind}`;

  const onSubmit = form.onSubmit(
    (values) => {
      save.mutate(
        { id: entity?.id, input: toInput(values) },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'green',
              message: `${copy.Noun} “${saved.name}” ${entity ? 'saved' : 'created'}.`,
            });
            form.resetDirty(toValues(saved));
            if (!entity) navigate(`${listPath}/${saved.id}`, { replace: true });
          },
          onError: (error) => form.setErrors(formErrorsFromApi(error, fields)),
        },
      );
    },
    () => {
      // Move focus to the first invalid field so keyboard and screen reader users land there.
      window.setTimeout(() => {
        document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      }, 0);
    },
  );

  const restore = (id: string) =>
    archive.mutate(
      { id, archived: false },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${copy.Noun} restored.` });
          navigate(listPath);
        },
      },
    );

  return (
    <>
      <PageHeader
        title={entity ? entity.name : `New ${copy.noun}`}
        description={entity?.archived ? copy.archivedDescription : copy.description}
        actions={
          entity && (
            <Button
              variant={entity.archived ? 'light' : 'default'}
              color={entity.archived ? 'blue' : 'red'}
              loading={archive.isPending}
              onClick={() => (entity.archived ? restore(entity.id) : setConfirmArchive(true))}
            >
              {entity.archived ? `Restore ${copy.noun}` : `Archive ${copy.noun}`}
            </Button>
          )
        }
      />
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={entity ? `Edit ${copy.noun}` : `New ${copy.noun}`}
      >
        <Stack gap="lg" maw={900}>
          {(save.error || archive.error) && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(save.error ?? archive.error)}
            </Alert>
          )}
          {children}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {entity ? `Save ${copy.noun}` : `Create ${copy.noun}`}
            </Button>
            <Button variant="default" component={Link} to={listPath}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmArchive}
        title={`Archive this ${copy.noun}?`}
        message={`“${entity?.name ?? ''}” ${copy.archiveConsequence}`}
        confirmLabel="Archive"
        loading={archive.isPending}
        onClose={() => setConfirmArchive(false)}
        onConfirm={() => {
          if (!entity) return;
          archive.mutate(
            { id: entity.id, archived: true },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: `${copy.Noun} “${entity.name}” archived.`,
                });
                navigate(listPath);
              },
              onSettled: () => setConfirmArchive(false),
            },
          );
        }}
      />
    </>
  );
}

/** What the matrix maps a role or audience to, as labelled badges (text, not colour alone). */
export function MappingCard({
  id,
  title,
  emptyText,
  rows,
}: {
  /** Makes the heading's id unique on the page. */
  id: string;
  title: string;
  emptyText: string;
  rows: { id: string; name: string; level: EngagementLevel }[];
}) {
  return (
    <Card withBorder mt="lg" maw={900} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="xs" id={id}>
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{emptyText}</Text>
      ) : (
        <Group gap="xs">
          {rows.map((row) => (
            <Badge key={row.id} color={LEVEL_COLORS[row.level]} variant="light" tt="none">
              {row.name}: {levelLabel(row.level)}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}

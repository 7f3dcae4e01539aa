import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { RolloutStage } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDate, metricLabel, rolloutLabel } from '@/lib/labels';

import {
  useCohorts,
  useDeleteCohort,
  useInviteCohort,
  useOrganization,
  useSetRolloutStage,
  type Cohort,
} from '../api/coaching';
import { inviteSummary } from '../lib/cohorts';
import { formatDay } from '../lib/dates';
import { inviteeStatus } from '../lib/labels';

import { CohortDialog } from './CohortDialog';

const STAGE_TEXT: Record<RolloutStage, string> = {
  ambassadors_only:
    'Only ambassadors can share. Invite a cohort to make its members ambassadors; open the rollout to everyone when the first waves are going well.',
  everyone: 'Every member who acknowledged the policy can share.',
};

/** The grassroots rollout: the organisation's stage and its waves (cohorts). */
export function RolloutPage({
  org,
  canChangeStage,
  settingsHref,
}: {
  org: string;
  /** Admins and comms leads change the rollout stage (comms leads run the rollout). */
  canChangeStage: boolean;
  settingsHref?: string;
}) {
  const cohorts = useCohorts(org);
  const [editing, setEditing] = useState<Cohort | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title="Rollout"
        description="Start with the people who are already good at social, then widen, one wave at a time."
        actions={<Button onClick={() => setEditing('new')}>New cohort</Button>}
      />
      <Stack gap="xl">
        <StageSection org={org} canChangeStage={canChangeStage} settingsHref={settingsHref} />
        <section aria-labelledby="cohorts-heading">
          <Title order={2} size="h3" id="cohorts-heading" mb="sm">
            Cohorts
          </Title>
          {cohorts.isPending ? (
            <LoadingState label="Loading cohorts…" />
          ) : cohorts.error ? (
            <ErrorState error={cohorts.error} onRetry={() => void cohorts.refetch()} />
          ) : cohorts.data.results.length === 0 ? (
            <EmptyState title="No cohorts yet">
              Create a first wave with the people who already use social well, then invite it.
            </EmptyState>
          ) : (
            <Stack gap="md">
              {cohorts.data.results.map((cohort) => (
                <CohortCard
                  key={cohort.id}
                  org={org}
                  cohort={cohort}
                  onEdit={() => setEditing(cohort)}
                />
              ))}
            </Stack>
          )}
        </section>
      </Stack>
      {editing && (
        <CohortDialog
          org={org}
          cohort={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function StageSection({
  org,
  canChangeStage,
  settingsHref,
}: {
  org: string;
  canChangeStage: boolean;
  settingsHref?: string;
}) {
  const organization = useOrganization(org);
  const setStage = useSetRolloutStage(org);
  const [confirming, setConfirming] = useState<RolloutStage | null>(null);

  if (organization.isPending) return <LoadingState label="Loading the rollout stage…" />;
  if (organization.error) {
    return <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  const stage = organization.data.settings.rollout_stage;
  const next: RolloutStage = stage === 'everyone' ? 'ambassadors_only' : 'everyone';

  return (
    <section aria-labelledby="stage-heading">
      <Card withBorder>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
            <Title order={2} size="h3" id="stage-heading">
              Stage: {rolloutLabel(stage)}
            </Title>
            <Text size="sm">{STAGE_TEXT[stage]}</Text>
            {!canChangeStage && (
              <Text size="sm" c="dimmed">
                Only admins and comms leads can change the stage
                {settingsHref ? ' (organisation settings).' : '.'}
              </Text>
            )}
          </Stack>
          {canChangeStage && (
            <Button
              variant={next === 'everyone' ? 'filled' : 'default'}
              onClick={() => setConfirming(next)}
            >
              {next === 'everyone' ? 'Open to everyone' : 'Back to ambassadors only'}
            </Button>
          )}
        </Group>
        {setStage.error && (
          <Alert color="red" role="alert" mt="sm" title="The stage was not changed">
            {errorMessage(setStage.error)}
          </Alert>
        )}
      </Card>
      <ConfirmDialog
        opened={confirming !== null}
        title={
          confirming === 'everyone' ? 'Open the rollout to everyone?' : 'Back to ambassadors only?'
        }
        message={
          confirming === 'everyone'
            ? 'Every member who acknowledged the policy will be able to share, not only ambassadors.'
            : 'Only ambassadors will be able to share. Shares of other members that are not posted yet will be refused when their turn comes.'
        }
        confirmLabel={confirming === 'everyone' ? 'Open to everyone' : 'Ambassadors only'}
        loading={setStage.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          confirming &&
          setStage.mutate(confirming, {
            onSuccess: (saved) =>
              notifications.show({
                color: 'green',
                message: `Rollout stage: ${rolloutLabel(saved.settings.rollout_stage)}.`,
              }),
            onSettled: () => setConfirming(null),
          })
        }
      />
    </section>
  );
}

function CohortCard({ org, cohort, onEdit }: { org: string; cohort: Cohort; onEdit: () => void }) {
  const invite = useInviteCohort(org);
  const remove = useDeleteCohort(org);
  const [confirmInvite, setConfirmInvite] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const headingId = `cohort-${cohort.id}`;
  const results = cohort.results;

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={4}>
          <Title order={3} size="h4" id={headingId}>
            {cohort.name}
          </Title>
          <Group gap="xs">
            {cohort.invited_at ? (
              <Badge color="green" variant="light" tt="none">
                Invited {formatDate(cohort.invited_at)}
              </Badge>
            ) : (
              <Badge color="gray" variant="light" tt="none">
                Not invited yet
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {cohort.members.length} {cohort.members.length === 1 ? 'member' : 'members'}
              {cohort.invitees.length > 0 &&
                `, ${cohort.invitees.length} ${cohort.invitees.length === 1 ? 'person' : 'people'} to invite`}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <Button onClick={() => setConfirmInvite(true)} aria-label={`Invite ${cohort.name}`}>
            Invite
          </Button>
          <Button variant="default" onClick={onEdit} aria-label={`Edit ${cohort.name}`}>
            Edit
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => setConfirmDelete(true)}
            aria-label={`Delete ${cohort.name}`}
          >
            Delete
          </Button>
        </Group>
      </Group>

      {(invite.error || remove.error) && (
        <Alert color="red" role="alert" mb="sm">
          {errorMessage(invite.error ?? remove.error)}
        </Alert>
      )}

      {results && <CohortResults cohort={cohort} />}

      <Stack gap="md" mt="md">
        <div>
          <Title order={4} size="h5" mb={4}>
            Members and history
          </Title>
          {cohort.history.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody yet. Edit the cohort to add members.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Person</Table.Th>
                    <Table.Th scope="col">Joined</Table.Th>
                    <Table.Th scope="col">Added</Table.Th>
                    <Table.Th scope="col">Invited</Table.Th>
                    <Table.Th scope="col">Ambassador</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cohort.history.map((entry) => (
                    <Table.Tr key={entry.member}>
                      <Table.Th scope="row" fw={400}>
                        <Text size="sm" fw={500}>
                          {entry.name || entry.email}
                        </Text>
                        {!entry.is_active && (
                          <Text size="xs" c="dimmed">
                            Deactivated
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{formatDate(entry.joined_organization_at)}</Table.Td>
                      <Table.Td>{formatDate(entry.added_to_cohort_at)}</Table.Td>
                      <Table.Td>
                        {entry.invited_at
                          ? formatDate(entry.invited_at)
                          : cohort.invited_at
                            ? '—'
                            : 'Not yet'}
                      </Table.Td>
                      <Table.Td>{entry.ambassador ? 'Yes' : 'No'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
        <div>
          <Title order={4} size="h5" mb={4}>
            People to invite
          </Title>
          {cohort.invitees.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody outside the organisation.
            </Text>
          ) : (
            <List size="sm" spacing={4}>
              {cohort.invitees.map((invitee) => {
                const status = inviteeStatus(invitee.status);
                return (
                  <List.Item key={invitee.email}>
                    <Group gap="xs" wrap="wrap">
                      <span>{invitee.email}</span>
                      <Badge color={status.color} variant="light" tt="none" size="sm">
                        {status.label}
                      </Badge>
                    </Group>
                  </List.Item>
                );
              })}
            </List>
          )}
        </div>
      </Stack>

      <ConfirmDialog
        opened={confirmInvite}
        title={`Invite “${cohort.name}”?`}
        message={inviteSummary(cohort)}
        confirmLabel="Invite"
        loading={invite.isPending}
        onClose={() => setConfirmInvite(false)}
        onConfirm={() =>
          invite.mutate(cohort.id, {
            onSuccess: (result) =>
              notifications.show({
                color: 'green',
                message: `Invited “${result.cohort.name}”: ${result.made_ambassadors} new ${result.made_ambassadors === 1 ? 'ambassador' : 'ambassadors'}, ${result.invitations_sent} ${result.invitations_sent === 1 ? 'invitation' : 'invitations'} sent${result.joined_from_invitees ? `, ${result.joined_from_invitees} joined` : ''}.`,
              }),
            onSettled: () => setConfirmInvite(false),
          })
        }
      />
      <ConfirmDialog
        opened={confirmDelete}
        title={`Delete “${cohort.name}”?`}
        message="The cohort and its history go; people it made ambassadors stay ambassadors."
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(cohort.id, {
            onSuccess: () => notifications.show({ color: 'green', message: 'Cohort deleted.' }),
            onSettled: () => setConfirmDelete(false),
          })
        }
      />
    </Card>
  );
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function CohortResults({ cohort }: { cohort: Cohort }) {
  const results = cohort.results;
  if (!results) return null;
  const period = `${formatDay(results.period_from)} – ${formatDay(results.period_to)}`;
  return (
    <Stack gap="xs">
      <Text size="sm">
        <strong>{period}:</strong> {results.totals.conversations} conversations,{' '}
        {results.totals.clicks} clicks by people, {results.totals.shares} shares posted by{' '}
        {results.members} active {results.members === 1 ? 'member' : 'members'} (per member:{' '}
        {round1(results.per_member.conversations)} conversations,{' '}
        {round1(results.per_member.clicks)} clicks, {round1(results.per_member.shares)} shares).
      </Text>
      {results.objectives.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" captionSide="top">
            <Table.Caption>Objectives of the cohort’s roles, this period so far</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Objective</Table.Th>
                <Table.Th scope="col">Target</Table.Th>
                <Table.Th scope="col">Progress</Table.Th>
                <Table.Th scope="col">On target</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.objectives.map((objective) => {
                const target = objective.target_per_member * objective.members;
                const pct = Math.round(objective.progress * 100);
                return (
                  <Table.Tr key={`${objective.role}:${objective.objective}`}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm" fw={500}>
                        {objective.objective}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {objective.role_name} · {metricLabel(objective.metric)} per{' '}
                        {objective.period}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {objective.target_per_member} per member × {objective.members}
                    </Table.Td>
                    <Table.Td miw={160}>
                      <Text size="xs">
                        {objective.actual} of {target} ({pct}%)
                      </Text>
                      <Progress
                        value={Math.min(100, pct)}
                        color={objective.progress >= 1 ? 'green' : 'blue'}
                        aria-label={`${objective.objective}: ${objective.actual} of ${target} (${pct}%)`}
                      />
                    </Table.Td>
                    <Table.Td>
                      {objective.members_on_target} of {objective.members}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, apiGet, apiPath, query } from '@/api/client';
import type { components } from '@/api/generated/schema';
import type {
  Audience,
  Member,
  Organization,
  OrganizationPatch,
  Paginated,
  Role,
} from '@/api/types';

type Schemas = components['schemas'];

export type CoachingTaskKind = Schemas['CoachingTaskKindEnum'];
export type MyCoaching = Schemas['MyCoachingOutput'];
export type MyCoachingTask = Schemas['MyCoachingTask'];
export type TaskDone = Schemas['DoneOutput'];
export type CoachingTask = Schemas['CoachingTaskOutput'];
export type CoachingTaskInput = Schemas['CoachingTaskInputRequest'];
export type StarterTask = Schemas['StarterTask'];
export type StarterLibrary = Schemas['StarterLibrary'];

export type AudienceSize = Schemas['AudienceSizeEnum'];
export type PostingFrequency = Schemas['PostingFrequencyEnum'];
export type NetworkReadiness = Schemas['NetworkReadinessOutput'];
export type MyReadiness = Schemas['MyReadinessOutput'];
export type ReadinessInput = Schemas['ReadinessInputRequest'];
export type NetworkPresenceInput = Schemas['NetworkPresenceInputRequest'];
export type ReachableAudience = Schemas['ReachableAudience'];
export type ReadinessRow = Schemas['ReadinessRow'];

export type Cohort = Schemas['CohortOutput'];
export type CohortInput = Schemas['CohortInputRequest'];
export type CohortInviteResult = Schemas['CohortInviteOutput'];
export type CohortInviteeStatus = Schemas['CohortInviteeStatusEnum'];
export type CohortObjective = Schemas['CohortObjective'];

export const PAGE_SIZE = 20;

export const coachingKeys = {
  mine: (org: string) => ['org', org, 'me', 'coaching'] as const,
  myReadiness: (org: string) => ['org', org, 'me', 'readiness'] as const,
  readiness: (org: string) => ['org', org, 'readiness'] as const,
  readinessList: (org: string, filters: ReadinessFilters, page: number) =>
    ['org', org, 'readiness', filters, page] as const,
  cohorts: (org: string) => ['org', org, 'cohorts'] as const,
  tasks: (org: string) => ['org', org, 'coaching', 'tasks'] as const,
  taskList: (org: string, active: ActiveFilter, page: number) =>
    ['org', org, 'coaching', 'tasks', active, page] as const,
  library: (org: string) => ['org', org, 'coaching', 'library'] as const,
  // The organisation itself, cached under the same key as the admin settings page.
  org: (org: string) => ['org', org] as const,
  memberSearch: (org: string, q: string) => ['org', org, 'members', 'picker', q] as const,
  roles: (org: string) => ['org', org, 'roles', 'coaching-picker'] as const,
  audiences: (org: string) => ['org', org, 'audiences', 'coaching-picker'] as const,
};

// ---- my coaching ------------------------------------------------------------------------

export function useMyCoaching(org: string) {
  return useQuery({
    queryKey: coachingKeys.mine(org),
    queryFn: () =>
      apiGet<MyCoaching>(apiPath('/api/v1/orgs/{org_slug}/me/coaching', { org_slug: org })),
  });
}

/**
 * Marks a task of this week done, or takes the "done" back. Shown at once (the answer is
 * the same when it was so already: the API is idempotent both ways), and put back when the
 * API refuses.
 */
export function useSetTaskDone(org: string) {
  const client = useQueryClient();
  const key = coachingKeys.mine(org);
  return useMutation({
    mutationFn: async ({ taskId, done }: { taskId: string; done: boolean }) => {
      const path = apiPath('/api/v1/orgs/{org_slug}/me/coaching/{task_id}/done', {
        org_slug: org,
        task_id: taskId,
      });
      if (done) return api<TaskDone>('POST', path);
      await api<null>('DELETE', path);
      return null;
    },
    onMutate: async ({ taskId, done }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<MyCoaching>(key);
      if (before) {
        client.setQueryData<MyCoaching>(
          key,
          done ? markDone(before, taskId, new Date().toISOString()) : markUndone(before, taskId),
        );
      }
      return { before };
    },
    onSuccess: (done) => {
      const current = client.getQueryData<MyCoaching>(key);
      if (current && done) {
        client.setQueryData<MyCoaching>(key, markDone(current, done.task, done.done_at));
      }
    },
    onError: (_error, _variables, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    // Progress and history are counted by the server.
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

/** The coaching page with one task marked done, and its progress counted once. */
export function markDone(coaching: MyCoaching, taskId: string, doneAt: string): MyCoaching {
  const task = coaching.tasks.find((t) => t.id === taskId);
  if (!task || task.done) return coaching;
  return {
    ...coaching,
    tasks: coaching.tasks.map((t) => (t.id === taskId ? { ...t, done: true, done_at: doneAt } : t)),
    progress: { ...coaching.progress, done_this_week: coaching.progress.done_this_week + 1 },
  };
}

/** The coaching page with one task no longer done this week. */
export function markUndone(coaching: MyCoaching, taskId: string): MyCoaching {
  const task = coaching.tasks.find((t) => t.id === taskId);
  if (!task || !task.done) return coaching;
  return {
    ...coaching,
    tasks: coaching.tasks.map((t) => (t.id === taskId ? { ...t, done: false, done_at: null } : t)),
    progress: {
      ...coaching.progress,
      done_this_week: Math.max(0, coaching.progress.done_this_week - 1),
    },
  };
}

// ---- my readiness -----------------------------------------------------------------------

export function useMyReadiness(org: string) {
  return useQuery({
    queryKey: coachingKeys.myReadiness(org),
    queryFn: () =>
      apiGet<MyReadiness>(apiPath('/api/v1/orgs/{org_slug}/me/readiness', { org_slug: org })),
  });
}

export function useSaveMyReadiness(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReadinessInput) =>
      api<MyReadiness>(
        'PUT',
        apiPath('/api/v1/orgs/{org_slug}/me/readiness', { org_slug: org }),
        input,
      ),
    onSuccess: (saved) => {
      client.setQueryData(coachingKeys.myReadiness(org), saved);
      void client.invalidateQueries({ queryKey: coachingKeys.readiness(org) });
    },
  });
}

// ---- everyone's readiness (comms leads) -------------------------------------------------

export interface ReadinessFilters {
  role: string;
  audience: string;
  /** With an audience: who reaches it already (true) or not yet (false). */
  reaches: boolean;
  /** '' for everyone, else whether they described any network. */
  described: '' | 'true' | 'false';
}

export function useReadinessList(org: string, filters: ReadinessFilters, page: number) {
  return useQuery({
    queryKey: coachingKeys.readinessList(org, filters, page),
    queryFn: () =>
      apiGet<Paginated<ReadinessRow>>(
        apiPath('/api/v1/orgs/{org_slug}/readiness/', { org_slug: org }) +
          query({
            role: filters.role,
            audience: filters.audience,
            reaches: filters.audience ? String(filters.reaches) : undefined,
            described: filters.described,
            page,
            page_size: PAGE_SIZE,
          }),
      ),
    placeholderData: keepPreviousData,
  });
}

// ---- the organisation's rollout stage ---------------------------------------------------

export function useOrganization(org: string) {
  return useQuery({
    queryKey: coachingKeys.org(org),
    queryFn: () => apiGet<Organization>(apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org })),
  });
}

/** Opening the rollout to everyone is an organisation setting (admins only). */
export function useSetRolloutStage(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (stage: Organization['settings']['rollout_stage']) =>
      api<Organization>('PATCH', apiPath('/api/v1/orgs/{org_slug}/', { org_slug: org }), {
        settings: { rollout_stage: stage },
      } satisfies OrganizationPatch),
    onSuccess: (updated) => {
      client.setQueryData(coachingKeys.org(org), updated);
      void client.invalidateQueries({ queryKey: ['org', org, 'audit'] });
    },
  });
}

// ---- cohorts ----------------------------------------------------------------------------

export function useCohorts(org: string) {
  return useQuery({
    queryKey: coachingKeys.cohorts(org),
    queryFn: () =>
      apiGet<Paginated<Cohort>>(
        apiPath('/api/v1/orgs/{org_slug}/cohorts/', { org_slug: org }) + query({ page_size: 100 }),
      ),
  });
}

function useCohortInvalidation(org: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: coachingKeys.cohorts(org) });
    // Inviting makes ambassadors and sends invitations.
    void client.invalidateQueries({ queryKey: ['org', org, 'members'] });
    void client.invalidateQueries({ queryKey: ['org', org, 'invitations'] });
    void client.invalidateQueries({ queryKey: coachingKeys.readiness(org) });
  };
}

export function useSaveCohort(org: string) {
  const invalidate = useCohortInvalidation(org);
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CohortInput }) =>
      id
        ? api<Cohort>(
            'PATCH',
            apiPath('/api/v1/orgs/{org_slug}/cohorts/{id}/', { org_slug: org, id }),
            input,
          )
        : api<Cohort>(
            'POST',
            apiPath('/api/v1/orgs/{org_slug}/cohorts/', { org_slug: org }),
            input,
          ),
    onSuccess: invalidate,
  });
}

export function useDeleteCohort(org: string) {
  const invalidate = useCohortInvalidation(org);
  return useMutation({
    mutationFn: (id: string) =>
      api<null>('DELETE', apiPath('/api/v1/orgs/{org_slug}/cohorts/{id}/', { org_slug: org, id })),
    onSettled: invalidate,
  });
}

export function useInviteCohort(org: string) {
  const invalidate = useCohortInvalidation(org);
  return useMutation({
    mutationFn: (id: string) =>
      api<CohortInviteResult>(
        'POST',
        apiPath('/api/v1/orgs/{org_slug}/cohorts/{id}/invite', { org_slug: org, id }),
      ),
    onSuccess: invalidate,
  });
}

/** Active members matching a search, for adding people to a cohort. */
export function useMemberSearch(org: string, q: string) {
  return useQuery({
    queryKey: coachingKeys.memberSearch(org, q),
    queryFn: () =>
      apiGet<Paginated<Member>>(
        apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug: org }) +
          query({ q, is_active: 'true', page_size: 50 }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * Every active member holding an advocacy role, to put a whole role in a cohort. The members
 * API has no role filter: read the active members page by page and keep the role's.
 */
export async function fetchMembersWithRole(org: string, roleId: string): Promise<Member[]> {
  const found: Member[] = [];
  for (let page = 1; ; page += 1) {
    const data = await apiGet<Paginated<Member>>(
      apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug: org }) +
        query({ is_active: 'true', page_size: 100, page }),
    );
    found.push(...data.results.filter((member) => member.advocacy_roles.includes(roleId)));
    if (!data.next) return found;
  }
}

// ---- coaching tasks ---------------------------------------------------------------------

export type ActiveFilter = 'true' | 'false' | '';

export function useCoachingTasks(org: string, active: ActiveFilter, page: number) {
  return useQuery({
    queryKey: coachingKeys.taskList(org, active, page),
    queryFn: () =>
      apiGet<Paginated<CoachingTask>>(
        apiPath('/api/v1/orgs/{org_slug}/coaching/tasks/', { org_slug: org }) +
          query({ active, page, page_size: PAGE_SIZE }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useStarterLibrary(org: string) {
  return useQuery({
    queryKey: coachingKeys.library(org),
    queryFn: () =>
      apiGet<StarterLibrary>(
        apiPath('/api/v1/orgs/{org_slug}/coaching/library', { org_slug: org }),
      ),
    staleTime: 60 * 60_000,
  });
}

function useTaskInvalidation(org: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: coachingKeys.tasks(org) });
    void client.invalidateQueries({ queryKey: coachingKeys.mine(org) });
  };
}

export function useSaveCoachingTask(org: string) {
  const invalidate = useTaskInvalidation(org);
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CoachingTaskInput }) =>
      id
        ? api<CoachingTask>(
            'PATCH',
            apiPath('/api/v1/orgs/{org_slug}/coaching/tasks/{id}/', { org_slug: org, id }),
            input,
          )
        : api<CoachingTask>(
            'POST',
            apiPath('/api/v1/orgs/{org_slug}/coaching/tasks/', { org_slug: org }),
            input,
          ),
    onSuccess: invalidate,
  });
}

export function useDeleteCoachingTask(org: string) {
  const invalidate = useTaskInvalidation(org);
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(
        'DELETE',
        apiPath('/api/v1/orgs/{org_slug}/coaching/tasks/{id}/', { org_slug: org, id }),
      ),
    onSettled: invalidate,
  });
}

// ---- pickers ----------------------------------------------------------------------------

export function useRoleOptions(org: string) {
  return useQuery({
    queryKey: coachingKeys.roles(org),
    queryFn: () =>
      apiGet<Paginated<Role>>(
        apiPath('/api/v1/orgs/{org_slug}/roles/', { org_slug: org }) + query({ page_size: 100 }),
      ),
    select: (data) => data.results.map((role) => ({ value: role.id, label: role.name })),
    staleTime: 60_000,
  });
}

export function useAudienceOptions(org: string) {
  return useQuery({
    queryKey: coachingKeys.audiences(org),
    queryFn: () =>
      apiGet<Paginated<Audience>>(
        apiPath('/api/v1/orgs/{org_slug}/audiences/', { org_slug: org }) +
          query({ page_size: 100 }),
      ),
    select: (data) =>
      data.results.map((audience) => ({ value: audience.id, label: audience.name })),
    staleTime: 60_000,
  });
}

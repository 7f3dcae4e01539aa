import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { ApiError, apiGet, apiPath, query } from '@/api/client';
import type { components } from '@/api/generated/schema';
import type { Audience, Member, Paginated, Role } from '@/api/types';

import type { DateRange } from '../lib/range';

type Schemas = components['schemas'];

export type GroupBy = Schemas['GroupByEnum'];

export type SummaryRow = Schemas['SummaryRow'];

export type Summary = Omit<Schemas['SummaryOutput'], 'group_by'> & { group_by: GroupBy };

export type ObjectiveProgress = Schemas['ObjectiveProgress'];

export type RoleObjectives = Schemas['RoleObjectives'];

export type Objectives = Schemas['ObjectivesOutput'];

export type MyObjectiveProgress = Schemas['MyObjectiveProgress'];

export type MyRoleProgress = Schemas['MyRoleProgress'];

export type MyProgress = Schemas['MyProgressOutput'];

export type Insights = Schemas['InsightsOutput'];

export type GridResult = Schemas['GridResult'];

export type UnreachedAudience = Schemas['UnreachedAudience'];

export type UnreachedReason = Schemas['UnreachedReasonEnum'];

export const analyticsKeys = {
  summary: (org: string, groupBy: GroupBy, range: DateRange) =>
    ['org', org, 'analytics', 'summary', groupBy, range.from, range.to] as const,
  objectives: (org: string) => ['org', org, 'analytics', 'objectives'] as const,
  myProgress: (org: string) => ['org', org, 'me', 'progress'] as const,
  insights: (org: string, filters: InsightsFilters) =>
    ['org', org, 'insights', filters.from, filters.to, filters.role, filters.audience] as const,
  ownMember: (org: string, email: string) => ['org', org, 'members', 'self', email] as const,
  roles: (org: string) => ['org', org, 'roles', 'analytics-picker'] as const,
  audiences: (org: string) => ['org', org, 'audiences', 'analytics-picker'] as const,
};

/**
 * Shares, clicks and engagement grouped one way over a date range. Admins and comms leads
 * get the whole organisation; everyone else gets the numbers of their own shares only.
 */
export function useSummary(org: string, groupBy: GroupBy, range: DateRange) {
  return useQuery({
    queryKey: analyticsKeys.summary(org, groupBy, range),
    queryFn: () =>
      apiGet<Summary>(
        apiPath('/api/v1/orgs/{org_slug}/analytics/summary', { org_slug: org }) +
          query({ from: range.from, to: range.to, group_by: groupBy }),
      ),
    // Switching tabs or dates keeps the last table on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useObjectives(org: string) {
  return useQuery({
    queryKey: analyticsKeys.objectives(org),
    queryFn: () =>
      apiGet<Objectives>(
        apiPath('/api/v1/orgs/{org_slug}/analytics/objectives', { org_slug: org }),
      ),
  });
}

/** The code the API answers while the organisation has not turned the view on. */
export const MY_PROGRESS_DISABLED = 'my_progress_disabled';

/**
 * The caller's own part of their roles' objectives, or `null` while the organisation has
 * not turned the private "my progress" view on (the API answers 403 `my_progress_disabled`:
 * the section is simply not shown, it is not an error).
 */
export function useMyProgress(org: string) {
  return useQuery({
    queryKey: analyticsKeys.myProgress(org),
    queryFn: async (): Promise<MyProgress | null> => {
      try {
        return await apiGet<MyProgress>(
          apiPath('/api/v1/orgs/{org_slug}/me/progress', { org_slug: org }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.code === MY_PROGRESS_DISABLED) return null;
        throw error;
      }
    },
  });
}

export interface InsightsFilters extends DateRange {
  role: string;
  audience: string;
}

export function useInsights(org: string, filters: InsightsFilters) {
  return useQuery({
    queryKey: analyticsKeys.insights(org, filters),
    queryFn: () =>
      apiGet<Insights>(
        apiPath('/api/v1/orgs/{org_slug}/insights/', { org_slug: org }) +
          query({
            from: filters.from,
            to: filters.to,
            role: filters.role,
            audience: filters.audience,
          }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * The caller's own membership id, found by their email. Admins and comms leads need it to
 * pick their own row out of the organisation-wide summary (the summary has no "only mine"
 * filter for them).
 */
export function useOwnMemberId(org: string, email: string, enabled: boolean) {
  return useQuery({
    queryKey: analyticsKeys.ownMember(org, email),
    queryFn: () =>
      apiGet<Paginated<Member>>(
        apiPath('/api/v1/orgs/{org_slug}/members/', { org_slug: org }) +
          query({ q: email, page_size: 20 }),
      ),
    select: (data) =>
      data.results.find((m) => m.email.toLowerCase() === email.toLowerCase())?.id ?? null,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useRoleOptions(org: string) {
  return useQuery({
    queryKey: analyticsKeys.roles(org),
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
    queryKey: analyticsKeys.audiences(org),
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

export type ExportKind = 'analytics.csv' | 'archive.csv' | 'archive.jsonl';

/** Where the browser downloads an export from, with the session cookie (admins only). */
export function exportHref(org: string, kind: ExportKind, range: DateRange): string {
  const params = query({ from: range.from, to: range.to });
  switch (kind) {
    case 'analytics.csv':
      return apiPath('/api/v1/orgs/{org_slug}/exports/analytics.csv', { org_slug: org }) + params;
    case 'archive.csv':
      return apiPath('/api/v1/orgs/{org_slug}/exports/archive.csv', { org_slug: org }) + params;
    case 'archive.jsonl':
      return apiPath('/api/v1/orgs/{org_slug}/exports/archive.jsonl', { org_slug: org }) + params;
  }
}

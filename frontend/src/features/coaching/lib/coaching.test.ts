import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';

import type { Cohort, MyCoaching, MyReadiness } from '../api/coaching';
import { markDone, markUndone } from '../api/coaching';

import { cohortInput, cohortValues, inviteSummary, parseEmails } from './cohorts';
import { readinessFieldErrors, toFormValues, toInput, validateProfileUrl } from './readiness';
import { scheduleText, taskInput, taskValues } from './tasks';

describe('coaching', () => {
  it('counts a task done once, however often it is marked', () => {
    const coaching = {
      tasks: [{ id: 't1', done: false, done_at: null }],
      progress: { done_this_week: 0, tasks_this_week: 1 },
    } as unknown as MyCoaching;
    const once = markDone(coaching, 't1', '2026-11-18T10:00:00Z');
    expect(once.progress.done_this_week).toBe(1);
    expect(markDone(once, 't1', 'later')).toBe(once);
  });

  it('takes a done task back once, and leaves a task that is not done alone', () => {
    const coaching = {
      tasks: [
        { id: 't1', done: true, done_at: '2026-11-18T10:00:00Z' },
        { id: 't2', done: false, done_at: null },
      ],
      progress: { done_this_week: 1, tasks_this_week: 2 },
    } as unknown as MyCoaching;
    const undone = markUndone(coaching, 't1');
    expect(undone.tasks[0]).toMatchObject({ done: false, done_at: null });
    expect(undone.progress.done_this_week).toBe(0);
    expect(markUndone(undone, 't1')).toBe(undone);
    expect(markUndone(coaching, 't2')).toBe(coaching);
  });
});

describe('readiness form', () => {
  const readiness: MyReadiness = {
    networks: [
      {
        network: 'mastodon',
        described: true,
        connected: false,
        connection: null,
        profile_url: 'https://hachyderm.io/@me',
        audience_size: null,
        audience_description: '',
        posting_frequency: 'daily',
        audiences: [],
        updated_at: null,
      },
    ],
    reachable_audiences: [],
  };

  it('offers the four networks and sends only the active ones, leaving empty choices out', () => {
    const values = toFormValues(readiness);
    expect(values.networks.map((n) => n.network)).toEqual(['linkedin', 'x', 'mastodon', 'bluesky']);
    const { input, formIndex } = toInput(values);
    expect(formIndex).toEqual([2]);
    expect(input.networks).toEqual([
      {
        network: 'mastodon',
        profile_url: 'https://hachyderm.io/@me',
        audience_description: '',
        audiences: [],
        posting_frequency: 'daily',
      },
    ]);
  });

  it('moves API errors to the form row they are about', () => {
    const error = new ApiError(400, 'invalid', 'Bad.', { 'networks.0.profile_url': ['Bad URL.'] });
    expect(readinessFieldErrors(error, [2])).toEqual({ 'networks.2.profile_url': 'Bad URL.' });
  });

  it('accepts web addresses only', () => {
    expect(validateProfileUrl('')).toBeNull();
    expect(validateProfileUrl('https://x.com/me')).toBeNull();
    expect(validateProfileUrl('x.com/me')).toMatch(/https/);
    expect(validateProfileUrl('javascript:alert(1)')).toMatch(/https/);
  });
});

describe('cohort form', () => {
  const cohort = {
    name: 'Wave',
    members: ['m1'],
    invited_at: '2026-11-01T09:30:00Z',
    invitees: [{ email: 'a@example.com', status: 'pending', invited_at: null }],
    history: [
      { member: 'm1', ambassador: false, is_active: true },
      { member: 'm2', ambassador: true, is_active: true },
    ],
  } as unknown as Cohort;

  it('reads emails however they were typed, once each', () => {
    expect(parseEmails('A@x.com, b@y.org\n a@X.com;')).toEqual(['a@x.com', 'b@y.org']);
  });

  it('leaves the exact invitation time alone unless the day was changed', () => {
    const values = cohortValues(cohort);
    expect(cohortInput(values, cohort)).not.toHaveProperty('invited_at');
    expect(cohortInput({ ...values, invited_on: '' }, cohort)).toMatchObject({ invited_at: null });
  });

  it('says what inviting will do', () => {
    const text = inviteSummary(cohort);
    expect(text).toContain('1 member becomes an ambassador');
    // A pending invitation is not sent again.
    expect(text).not.toContain('invitation by email');
  });
});

describe('task form', () => {
  it('sends one week or every week, never both', () => {
    const values = taskValues(undefined, undefined, new Date(2026, 10, 18));
    expect(taskInput(values)).toMatchObject({ recurring: false, week: '2026-11-18', role: null });
    expect(taskInput({ ...values, schedule: 'recurring' })).toMatchObject({
      recurring: true,
      week: null,
    });
  });

  it('names the schedule', () => {
    expect(scheduleText({ recurring: true, week: null })).toBe('Every week');
    expect(scheduleText({ recurring: false, week: '2026-11-16' })).toMatch(/^Week of .*16.*22/);
  });
});

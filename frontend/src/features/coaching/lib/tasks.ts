import type {
  CoachingTask,
  CoachingTaskInput,
  CoachingTaskKind,
  StarterTask,
} from '../api/coaching';

import { formatWeek, isoDay } from './dates';

export type Schedule = 'recurring' | 'week';

export interface TaskValues {
  kind: CoachingTaskKind;
  title: string;
  description: string;
  /** '' is every member. */
  role: string;
  schedule: Schedule;
  /** Any day of the week the task is for. */
  week: string;
  active: boolean;
}

export function taskValues(
  task?: CoachingTask,
  starter?: StarterTask,
  today: Date = new Date(),
): TaskValues {
  if (task) {
    return {
      kind: task.kind,
      title: task.title,
      description: task.description,
      role: task.role ?? '',
      schedule: task.recurring ? 'recurring' : 'week',
      week: task.week ?? isoDay(today),
      active: task.active,
    };
  }
  return {
    kind: starter?.kind ?? 'custom',
    title: starter?.title ?? '',
    description: starter?.description ?? '',
    role: '',
    schedule: 'week',
    week: isoDay(today),
    active: true,
  };
}

export function taskInput(values: TaskValues): CoachingTaskInput {
  const recurring = values.schedule === 'recurring';
  return {
    kind: values.kind,
    title: values.title.trim(),
    description: values.description.trim(),
    role: values.role || null,
    recurring,
    week: recurring ? null : values.week,
    active: values.active,
  };
}

export const taskValidation = {
  title: (value: string, values: TaskValues) =>
    values.kind === 'custom' && !value.trim() ? 'Give a custom task a title.' : null,
  week: (value: string, values: TaskValues) =>
    values.schedule === 'week' && !value ? 'Pick a day in the week the task is for.' : null,
};

export function scheduleText(task: Pick<CoachingTask, 'recurring' | 'week'>): string {
  if (task.recurring) return 'Every week';
  return task.week ? `Week of ${formatWeek(task.week)}` : '—';
}

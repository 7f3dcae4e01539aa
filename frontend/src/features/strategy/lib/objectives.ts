// The role form's values and their validation, mirroring the server's rules
// (advocacy/roles/serializers.py) so most mistakes are caught before a request.
import { ApiError } from '@/api/client';
import { OBJECTIVE_METRICS, OBJECTIVE_PERIODS } from '@/api/types';
import type {
  Network,
  Objective,
  ObjectiveMetric,
  ObjectivePeriod,
  Role,
  RoleInput,
} from '@/api/types';

export const MAX_OBJECTIVES = 20;
export const MAX_OBJECTIVE_NAME = 100;
export const MAX_TARGET = 1_000_000_000;
export const MAX_ROLE_NAME = 100;
export const MAX_DESCRIPTION = 2000;
export const MAX_RESPONSIBILITIES = 5000;

export interface ObjectiveDraft {
  /** Stable React key for the row; never sent. */
  key: string;
  name: string;
  metric: ObjectiveMetric | '';
  target: number | string;
  period: ObjectivePeriod | '';
}

export interface RoleFormValues {
  name: string;
  description: string;
  responsibilities: string;
  objectives: ObjectiveDraft[];
  networks: Network[];
  review_before_posting: boolean;
}

let nextKey = 0;
const newKey = () => `objective-${(nextKey += 1)}`;

export function emptyObjective(): ObjectiveDraft {
  return { key: newKey(), name: '', metric: 'clicks', target: '', period: 'month' };
}

export function roleToFormValues(role?: Role): RoleFormValues {
  return {
    name: role?.name ?? '',
    description: role?.description ?? '',
    responsibilities: role?.responsibilities ?? '',
    objectives: (role?.objectives ?? []).map((o) => ({ ...o, key: newKey() })),
    networks: role?.networks ?? [],
    review_before_posting: role?.review_before_posting ?? false,
  };
}

/** Errors of one objective row, keyed by its field; empty when the row is valid. */
export function validateObjective(
  objective: ObjectiveDraft,
): Partial<Record<'name' | 'metric' | 'target' | 'period', string>> {
  const errors: Partial<Record<'name' | 'metric' | 'target' | 'period', string>> = {};
  const name = objective.name.trim();
  if (!name) errors.name = 'Name the objective.';
  else if (name.length > MAX_OBJECTIVE_NAME) {
    errors.name = `Use at most ${MAX_OBJECTIVE_NAME} characters.`;
  }
  if (!OBJECTIVE_METRICS.includes(objective.metric as ObjectiveMetric)) {
    errors.metric = 'Choose what to count.';
  }
  const raw = objective.target;
  const target = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (raw === '' || raw === null || !Number.isInteger(target)) {
    errors.target = 'Enter a whole number.';
  } else if (target < 1) {
    errors.target = 'The target must be at least 1.';
  } else if (target > MAX_TARGET) {
    errors.target = 'This target is too large.';
  }
  if (!OBJECTIVE_PERIODS.includes(objective.period as ObjectivePeriod)) {
    errors.period = 'Choose a period.';
  }
  return errors;
}

/** Validates the whole role form; keys are Mantine form paths (`objectives.2.target`). */
export function validateRoleForm(values: RoleFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'A role needs a name.';
  else if (name.length > MAX_ROLE_NAME) errors.name = `Use at most ${MAX_ROLE_NAME} characters.`;
  if (values.description.length > MAX_DESCRIPTION) {
    errors.description = `Use at most ${MAX_DESCRIPTION} characters.`;
  }
  if (values.responsibilities.length > MAX_RESPONSIBILITIES) {
    errors.responsibilities = `Use at most ${MAX_RESPONSIBILITIES} characters.`;
  }
  if (values.objectives.length > MAX_OBJECTIVES) {
    errors.objectives = `A role has at most ${MAX_OBJECTIVES} objectives.`;
  }
  values.objectives.forEach((objective, index) => {
    for (const [field, message] of Object.entries(validateObjective(objective))) {
      errors[`objectives.${index}.${field}`] = message;
    }
  });
  return errors;
}

export function objectivesToInput(objectives: ObjectiveDraft[]): Objective[] {
  return objectives.map((o) => ({
    name: o.name.trim(),
    metric: o.metric as ObjectiveMetric,
    target: Number(o.target),
    period: o.period as ObjectivePeriod,
  }));
}

export function roleFormToInput(values: RoleFormValues): RoleInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    responsibilities: values.responsibilities.trim(),
    objectives: objectivesToInput(values.objectives),
    networks: values.networks,
    review_before_posting: values.review_before_posting,
  };
}

/**
 * Maps an ApiError's field errors onto form paths: an exact path when the form has it
 * (`objectives.1.target`), otherwise its nearest parent the form knows (`networks.0` ->
 * `networks`). `known` lists the top-level fields; `objectives.N.field` is always known.
 */
export function formErrorsFromApi(
  error: unknown,
  known: readonly string[],
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(error.fields)) {
    if (!messages.length) continue;
    const parts = path.split('.');
    let key: string | null = null;
    if (
      parts.length === 3 &&
      known.includes(parts[0]) &&
      /^\d+$/.test(parts[1]) &&
      ['name', 'metric', 'target', 'period', 'network', 'handle', 'profile_url'].includes(parts[2])
    ) {
      key = path;
    } else if (known.includes(parts[0])) {
      key = parts[0];
    }
    if (key) out[key] = out[key] ? `${out[key]} ${messages.join(' ')}` : messages.join(' ');
  }
  return out;
}

/** "Human clicks: 40 per month" style summary for read-only views. */
export function describeObjective(
  objective: Objective,
  metricLabel: (m: ObjectiveMetric) => string,
  periodLabel: (p: ObjectivePeriod) => string,
): string {
  return `${metricLabel(objective.metric)} ≥ ${objective.target.toLocaleString()} ${periodLabel(objective.period)}`;
}

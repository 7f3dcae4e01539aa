import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';

import {
  emptyObjective,
  formErrorsFromApi,
  MAX_OBJECTIVES,
  roleFormToInput,
  roleToFormValues,
  validateObjective,
  validateRoleForm,
} from './objectives';
import type { ObjectiveDraft } from './objectives';

const objective = (overrides: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({
  ...emptyObjective(),
  name: 'CIO clicks',
  metric: 'clicks',
  target: 40,
  period: 'month',
  ...overrides,
});

describe('validateObjective', () => {
  it('accepts a complete objective', () => {
    expect(validateObjective(objective())).toEqual({});
  });

  it('needs a name', () => {
    expect(validateObjective(objective({ name: '   ' })).name).toBe('Name the objective.');
    expect(validateObjective(objective({ name: 'x'.repeat(101) })).name).toMatch(/at most 100/);
  });

  it('needs a whole-number target of at least 1, like the server', () => {
    expect(validateObjective(objective({ target: '' })).target).toBe('Enter a whole number.');
    expect(validateObjective(objective({ target: 2.5 })).target).toBe('Enter a whole number.');
    expect(validateObjective(objective({ target: 'abc' })).target).toBe('Enter a whole number.');
    expect(validateObjective(objective({ target: 0 })).target).toBe(
      'The target must be at least 1.',
    );
    expect(validateObjective(objective({ target: -3 })).target).toBe(
      'The target must be at least 1.',
    );
    expect(validateObjective(objective({ target: 1 }))).toEqual({});
    expect(validateObjective(objective({ target: '12' }))).toEqual({});
    expect(validateObjective(objective({ target: 2_000_000_000 })).target).toMatch(/too large/);
  });

  it('only takes the metrics and periods the server knows', () => {
    const errors = validateObjective(objective({ metric: '', period: '' }));
    expect(errors.metric).toBe('Choose what to count.');
    expect(errors.period).toBe('Choose a period.');
    expect(
      validateObjective(objective({ metric: 'potential_reach' as unknown as 'clicks' })).metric,
    ).toBeDefined();
  });
});

describe('validateRoleForm', () => {
  it('keys row errors by form path so they show next to the field', () => {
    const values = {
      ...roleToFormValues(),
      name: 'Sales',
      objectives: [objective(), objective({ target: 0, name: '' })],
    };
    expect(validateRoleForm(values)).toEqual({
      'objectives.1.name': 'Name the objective.',
      'objectives.1.target': 'The target must be at least 1.',
    });
  });

  it('needs a name and at most 20 objectives', () => {
    const values = {
      ...roleToFormValues(),
      objectives: Array.from({ length: MAX_OBJECTIVES + 1 }, () => objective()),
    };
    const errors = validateRoleForm(values);
    expect(errors.name).toBe('A role needs a name.');
    expect(errors.objectives).toBe('A role has at most 20 objectives.');
  });

  it('sends trimmed values and numeric targets, without row keys', () => {
    const input = roleFormToInput({
      ...roleToFormValues(),
      name: '  Sales ',
      objectives: [objective({ name: ' CIO clicks ', target: '40' })],
      networks: ['linkedin'],
    });
    expect(input).toEqual({
      name: 'Sales',
      description: '',
      responsibilities: '',
      objectives: [{ name: 'CIO clicks', metric: 'clicks', target: 40, period: 'month' }],
      networks: ['linkedin'],
      review_before_posting: false,
    });
  });
});

describe('formErrorsFromApi', () => {
  const known = ['name', 'objectives', 'networks'];

  it('maps row errors to their field and list errors to the list', () => {
    const error = new ApiError(400, 'validation_error', 'Please correct the highlighted fields.', {
      name: ['A role named “Sales” already exists.'],
      'objectives.1.target': ['Ensure this value is greater than or equal to 1.'],
      'networks.0': ['"myspace" is not a valid choice.'],
      objectives: ['Ensure this field has no more than 20 elements.'],
      unrelated: ['ignored'],
    });
    expect(formErrorsFromApi(error, known)).toEqual({
      name: 'A role named “Sales” already exists.',
      'objectives.1.target': 'Ensure this value is greater than or equal to 1.',
      networks: '"myspace" is not a valid choice.',
      objectives: 'Ensure this field has no more than 20 elements.',
    });
  });

  it('ignores anything that is not an ApiError', () => {
    expect(formErrorsFromApi(new Error('boom'), known)).toEqual({});
  });
});

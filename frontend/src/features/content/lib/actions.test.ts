import { describe, expect, it } from 'vitest';

import type { OrgRole } from '@/api/types';

import { availableActions, canReadLibrary, nextApprovalStep } from './actions';

const item = (
  status: Parameters<typeof availableActions>[0]['status'],
  approved: number | null,
) => ({
  status,
  approved_version: approved,
  url: 'https://example.com/a',
});

describe('availableActions', () => {
  it('lets a comms lead edit, submit and delete a draft that was never approved', () => {
    expect(availableActions(item('draft', null), 'comms_lead')).toEqual([
      'edit',
      'submit',
      'refresh_preview',
      'delete',
    ]);
  });

  it('offers retire instead of delete on a new draft of approved content', () => {
    const actions = availableActions(item('draft', 2), 'comms_lead');
    expect(actions).toContain('retire');
    expect(actions).not.toContain('delete');
    expect(actions).toContain('submit');
  });

  it('lets reviewers approve and reject only what is in review', () => {
    expect(availableActions(item('in_review', null), 'reviewer')).toEqual(['approve', 'reject']);
    expect(availableActions(item('draft', null), 'reviewer')).toEqual([]);
    expect(availableActions(item('in_review', null), 'comms_lead')).toEqual([
      'edit',
      'refresh_preview',
    ]);
  });

  it('lets comms leads and reviewers retire approved content', () => {
    expect(availableActions(item('approved', 1), 'reviewer')).toEqual(['retire']);
    expect(availableActions(item('approved', 1), 'comms_lead')).toEqual([
      'edit',
      'retire',
      'refresh_preview',
    ]);
  });

  it('gives admins every action that fits the status', () => {
    expect(availableActions(item('in_review', 1), 'admin')).toEqual([
      'edit',
      'approve',
      'reject',
      'retire',
      'refresh_preview',
    ]);
  });

  it('offers nothing on retired content, and nothing at all to employees', () => {
    for (const role of ['admin', 'comms_lead', 'reviewer', 'employee'] as OrgRole[]) {
      expect(availableActions(item('retired', 1), role)).toEqual([]);
    }
    expect(availableActions(item('approved', 1), 'employee')).toEqual([]);
    expect(canReadLibrary('employee')).toBe(false);
  });

  it('does not offer a preview refresh without a URL', () => {
    expect(
      availableActions({ status: 'draft', approved_version: null, url: '' }, 'comms_lead'),
    ).not.toContain('refresh_preview');
  });
});

describe('nextApprovalStep', () => {
  const approved = (version: number, step: 'marketing' | 'legal') => ({
    version,
    step,
    decision: 'approved' as const,
  });

  it('is a single approval without two-step approval', () => {
    expect(nextApprovalStep([], 1, false)).toBe('single');
  });

  it('is marketing first, then legal, counting only the version in review', () => {
    expect(nextApprovalStep([], 2, true)).toBe('marketing');
    expect(nextApprovalStep([approved(1, 'marketing'), approved(1, 'legal')], 2, true)).toBe(
      'marketing',
    );
    expect(nextApprovalStep([approved(2, 'marketing')], 2, true)).toBe('legal');
  });
});

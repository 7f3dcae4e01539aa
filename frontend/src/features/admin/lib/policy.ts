import type { Policy } from '@/api/types';

/**
 * Whether the member must still acknowledge the policy: there is a current version and they
 * have not acknowledged it. No policy published (null) asks nothing of anyone.
 */
export function needsAcknowledgement(policy: Policy | null | undefined): boolean {
  return !!policy && policy.is_current && !policy.acknowledged_at;
}

import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

import { useCurrentPolicy } from '../api/policies';
import { needsAcknowledgement } from '../lib/policy';

/** Shown on every page of the organisation until the member acknowledges the current policy. */
export function PolicyBanner({ org, policyHref }: { org: string; policyHref: string }) {
  const current = useCurrentPolicy(org);
  if (!needsAcknowledgement(current.data)) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      title="Please read the social media policy"
      data-testid="policy-banner"
      role="region"
      aria-label="Policy acknowledgement needed"
    >
      <Text size="sm">
        {current.data?.version && current.data.version > 1
          ? `A new version (${current.data.version}) of the policy was published. `
          : ''}
        You need to acknowledge it before you can confirm a share.{' '}
        <Anchor component={Link} to={policyHref} fw={600}>
          Read and acknowledge the policy
        </Anchor>
      </Text>
    </Alert>
  );
}

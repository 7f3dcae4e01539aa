import { Badge } from '@mantine/core';

import type { ContentStatus } from '@/api/types';

import { statusColor, statusLabel } from './labels';

export function StatusBadge({ status }: { status: ContentStatus }) {
  return (
    <Badge color={statusColor(status)} variant="light" tt="none" data-testid="status-badge">
      {statusLabel(status)}
    </Badge>
  );
}

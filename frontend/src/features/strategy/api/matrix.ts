import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Matrix, MatrixCell } from '@/api/types';
import { errorMessage } from '@/components/PageState';

import { applyCellChange, planCellChange, withCell } from '../lib/matrix';
import type { CellLevel } from '../lib/matrix';

import { createMapping, deleteMapping, strategyKeys, updateMapping } from './strategy';

export interface CellChange {
  role: string;
  audience: string;
  /** The cell as the grid showed it when the person chose (undefined: empty). */
  previous: MatrixCell | undefined;
  level: CellLevel;
  /** For the error notification. */
  roleName: string;
  audienceName: string;
}

/**
 * Sets one cell of the matrix: updates the cached grid at once, then POSTs, PATCHes or
 * DELETEs the mapping; on failure puts that cell back as it was and says why.
 */
export function useSetCellLevel(org: string) {
  const client = useQueryClient();
  const key = strategyKeys.matrix(org);
  const mutationKey = ['org', org, 'matrix', 'cell'];

  return useMutation({
    mutationKey,
    mutationFn: async (change: CellChange): Promise<MatrixCell | null> => {
      const action = planCellChange(change.previous, change.role, change.audience, change.level);
      if (action.kind === 'create') {
        const { id, role, audience, level } = await createMapping(org, {
          role: action.role,
          audience: action.audience,
          level: action.level,
        });
        return { id, role, audience, level };
      }
      if (action.kind === 'update') {
        const { id, role, audience, level } = await updateMapping(org, action.id, action.level);
        return { id, role, audience, level };
      }
      if (action.kind === 'delete') await deleteMapping(org, action.id);
      return change.level === 'none' ? null : (change.previous ?? null);
    },
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<Matrix>(key, (matrix) =>
        matrix ? applyCellChange(matrix, change.role, change.audience, change.level) : matrix,
      );
    },
    onSuccess: (saved, change) => {
      client.setQueryData<Matrix>(key, (matrix) =>
        matrix ? withCell(matrix, change.role, change.audience, saved) : matrix,
      );
    },
    onError: (error, change) => {
      client.setQueryData<Matrix>(key, (matrix) =>
        matrix ? withCell(matrix, change.role, change.audience, change.previous ?? null) : matrix,
      );
      notifications.show({
        color: 'red',
        title: `${change.roleName} × ${change.audienceName} was not saved`,
        message: errorMessage(error),
      });
    },
    onSettled: () => {
      // Refetch once the last pending cell settles, so a slow answer cannot undo a newer one.
      if (client.isMutating({ mutationKey }) === 1) {
        void client.invalidateQueries({ queryKey: key });
      }
    },
  });
}

import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { Content, OrgRole } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';

import { useContentAction, useDeleteContent } from '../api/content';
import type { WorkflowAction } from '../api/content';
import { availableActions } from '../lib/actions';
import { contentErrorMessage } from '../lib/errors';

const DONE: Record<WorkflowAction, string> = {
  submit: 'submitted for review',
  approve: 'approved',
  reject: 'rejected',
  retire: 'retired',
  'refresh-preview': 'is fetching its preview again',
};

/**
 * The workflow buttons that make sense for this item and the caller's org role. Reject
 * asks for a reason; retire and delete ask for confirmation.
 */
export function ContentActions({
  org,
  content,
  role,
  size = 'sm',
  showEdit,
  onDeleted,
}: {
  org: string;
  content: Content;
  role: OrgRole;
  size?: 'xs' | 'sm';
  /** Rendered as the edit button when editing is allowed (a link to the editor). */
  showEdit?: React.ReactNode;
  onDeleted?: () => void;
}) {
  const action = useContentAction(org);
  const remove = useDeleteContent(org);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'retire' | 'delete' | null>(null);
  const actions = availableActions(content, role);

  const run = (name: WorkflowAction, extra?: { reason?: string }, after?: () => void) =>
    action.mutate(
      { id: content.id, action: name, ...extra },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `“${content.title}” ${DONE[name]}.` });
          after?.();
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Not done',
            message: contentErrorMessage(error),
          }),
      },
    );

  const pending = (name: WorkflowAction) => action.isPending && action.variables?.action === name;

  return (
    <>
      <Group gap="xs" wrap="wrap">
        {actions.includes('edit') && showEdit}
        {actions.includes('submit') && (
          <Button size={size} loading={pending('submit')} onClick={() => run('submit')}>
            Submit for review
          </Button>
        )}
        {actions.includes('approve') && (
          <Button
            size={size}
            color="green"
            loading={pending('approve')}
            onClick={() => run('approve')}
            aria-label={`Approve “${content.title}”`}
          >
            Approve
          </Button>
        )}
        {actions.includes('reject') && (
          <Button
            size={size}
            color="red"
            variant="light"
            onClick={() => {
              setReason('');
              setReasonError(null);
              setRejecting(true);
            }}
            aria-label={`Reject “${content.title}”`}
          >
            Reject
          </Button>
        )}
        {actions.includes('refresh_preview') && (
          <Button
            size={size}
            variant="default"
            loading={pending('refresh-preview')}
            onClick={() => run('refresh-preview')}
          >
            Refresh preview
          </Button>
        )}
        {actions.includes('retire') && (
          <Button size={size} variant="default" color="red" onClick={() => setConfirm('retire')}>
            Retire
          </Button>
        )}
        {actions.includes('delete') && (
          <Button size={size} variant="subtle" color="red" onClick={() => setConfirm('delete')}>
            Delete
          </Button>
        )}
      </Group>

      <Modal
        opened={rejecting}
        onClose={() => setRejecting(false)}
        title={`Reject “${content.title}”?`}
        centered
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setReasonError('Say why, so the comms team can fix it.');
              return;
            }
            run('reject', { reason: reason.trim() }, () => setRejecting(false));
          }}
        >
          <Stack>
            <Textarea
              label="Reason"
              description="The comms team sees this next to the item."
              required
              autosize
              minRows={3}
              maxLength={2000}
              value={reason}
              error={reasonError}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setReasonError(null);
              }}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejecting(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={pending('reject')}>
                Reject
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <ConfirmDialog
        opened={confirm === 'retire'}
        title="Retire this content?"
        message={`“${content.title}” leaves every feed and the grid at once, and every share of it that was not posted yet is cancelled. This cannot be undone.`}
        confirmLabel="Retire"
        loading={pending('retire')}
        onClose={() => setConfirm(null)}
        onConfirm={() => run('retire', undefined, () => setConfirm(null))}
      />
      <ConfirmDialog
        opened={confirm === 'delete'}
        title="Delete this draft?"
        message={`“${content.title}” was never approved; deleting it removes it for good.`}
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          remove.mutate(content.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `“${content.title}” deleted.` });
              setConfirm(null);
              onDeleted?.();
            },
            onError: (error) => {
              setConfirm(null);
              notifications.show({
                color: 'red',
                title: 'Not deleted',
                message: contentErrorMessage(error),
              });
            },
          })
        }
      />
    </>
  );
}

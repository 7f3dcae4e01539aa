import { Text, VisuallyHidden } from '@mantine/core';

import { textDiff } from '../lib/diff';

import classes from './diff.module.css';

/**
 * A word diff of two texts: inserted words in <ins>, deleted ones in <del>, each said in
 * words for screen readers (most do not announce the elements themselves). `side` shows
 * only what one version had: the old text with its deletions, or the new with insertions.
 */
export function TextDiff({
  before,
  after,
  side = 'both',
}: {
  before: string;
  after: string;
  side?: 'both' | 'before' | 'after';
}) {
  const parts = textDiff(before, after).filter(
    (part) =>
      part.kind === 'same' ||
      side === 'both' ||
      (side === 'before' ? part.kind === 'removed' : part.kind === 'added'),
  );
  if (parts.length === 0) return <Text size="sm">—</Text>;
  return (
    <Text size="sm" className={classes.text} data-testid="text-diff">
      {parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index} className={classes.added}>
            <VisuallyHidden component="span">[inserted: </VisuallyHidden>
            {part.text}
            <VisuallyHidden component="span">]</VisuallyHidden>
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={index} className={classes.removed}>
            <VisuallyHidden component="span">[deleted: </VisuallyHidden>
            {part.text}
            <VisuallyHidden component="span">]</VisuallyHidden>
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </Text>
  );
}

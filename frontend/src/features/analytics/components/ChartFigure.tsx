import { Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

import classes from './analytics.module.css';

/**
 * A chart with its text alternatives: a name and a sentence saying what it shows (read out
 * as the picture's name), and the numbers themselves in a table anyone can open.
 */
export function ChartFigure({
  title,
  summary,
  tableLabel,
  table,
  children,
}: {
  title: string;
  summary: ReactNode;
  /** The disclosure's text, e.g. "Show the numbers per day". */
  tableLabel?: string;
  table?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className={classes.figure}>
      <Text id={titleId} size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <div role="img" aria-labelledby={`${titleId} ${summaryId}`} className={classes.chart}>
        {children}
      </div>
      <figcaption>
        <Text id={summaryId} size="sm" mt="xs">
          {summary}
        </Text>
      </figcaption>
      {table && (
        <details className={classes.details}>
          <summary>{tableLabel ?? 'Show the numbers'}</summary>
          {table}
        </details>
      )}
    </figure>
  );
}

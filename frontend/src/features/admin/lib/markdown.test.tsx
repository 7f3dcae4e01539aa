import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Markdown, parseMarkdown } from './markdown';

const renderMd = (source: string) =>
  render(
    <MantineProvider>
      <Markdown source={source} />
    </MantineProvider>,
  );

describe('parseMarkdown', () => {
  it('reads headings, paragraphs and lists, joining wrapped list lines', () => {
    expect(
      parseMarkdown(
        '# Title\n\nFirst line\nsecond line.\n\n1. **One** item\n   continued\n2. Two\n\n- a\n- b',
      ),
    ).toEqual([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'First line second line.' },
      { type: 'list', ordered: true, start: 1, items: ['**One** item continued', 'Two'] },
      { type: 'list', ordered: false, start: 1, items: ['a', 'b'] },
    ]);
  });
});

describe('Markdown', () => {
  it('renders bold text and list items as elements', () => {
    renderMd('# Rules\n\n1. **Be yourself.** Speak plainly.');
    expect(screen.getByRole('heading', { name: 'Rules', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('Be yourself.').tagName).toBe('STRONG');
    expect(screen.getByRole('listitem')).toHaveTextContent('Be yourself. Speak plainly.');
  });

  it('never injects HTML from the source', () => {
    const { container } = renderMd('<img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror="alert(1)">');
  });

  it('links only to http, https and mailto addresses', () => {
    renderMd('[good](https://example.com) and [bad](javascript:alert(1))');
    expect(screen.getByRole('link', { name: 'good' })).toHaveAttribute(
      'href',
      'https://example.com/',
    );
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull();
  });
});

// A deliberately small Markdown renderer for policy text: headings, paragraphs, ordered and
// unordered lists, **bold**, *italic*, `code` and [links](https://...). It builds React
// elements, so text is always escaped: raw HTML in the source shows as text, never markup.
import { Anchor, Code, List, Text, Title } from '@mantine/core';
import type { TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: string[] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;

type ListBlock = Extract<Block, { type: 'list' }>;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const state: { paragraph: string[]; list: ListBlock | null } = { paragraph: [], list: null };

  const flushParagraph = () => {
    if (state.paragraph.length) blocks.push({ type: 'paragraph', text: state.paragraph.join(' ') });
    state.paragraph = [];
  };
  const flushList = () => {
    if (state.list) blocks.push(state.list);
    state.list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({ type: 'heading', level: heading[1].length, text: heading[2] });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const itemText = bullet ? bullet[1] : numbered ? numbered[2] : null;
    if (itemText !== null) {
      flushParagraph();
      const ordered = !!numbered;
      if (!state.list || state.list.ordered !== ordered) {
        flushList();
        state.list = {
          type: 'list',
          ordered,
          start: numbered ? Number(numbered[1]) : 1,
          items: [],
        };
      }
      state.list.items.push(itemText.trim());
      continue;
    }
    if (state.list && /^\s/.test(raw)) {
      // An indented line continues the last list item.
      state.list.items[state.list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    state.paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

const INLINE =
  /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${(n += 1)}`;
    if (match[1]) {
      out.push(<Code key={key}>{token.slice(1, -1)}</Code>);
    } else if (match[2]) {
      out.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    } else if (match[3]) {
      out.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    } else {
      const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      const safe = href ? safeHref(href) : null;
      out.push(
        safe ? (
          <Anchor key={key} href={safe} target="_blank" rel="noopener noreferrer">
            {label}
          </Anchor>
        ) : (
          label
        ),
      );
    }
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

/**
 * Renders Markdown as React elements. `headingOffset` shifts heading levels so a document's
 * `#` does not compete with the page's own title (1 turns `#` into an h2).
 */
export function Markdown({
  source,
  headingOffset = 1,
}: {
  source: string;
  headingOffset?: number;
}) {
  return (
    <>
      {parseMarkdown(source).map((block, index) => {
        const key = `b${index}`;
        if (block.type === 'heading') {
          const order = Math.min(6, block.level + headingOffset) as TitleOrder;
          return (
            <Title key={key} order={order} mt="md" mb="xs">
              {renderInline(block.text, key)}
            </Title>
          );
        }
        if (block.type === 'list') {
          return (
            <List
              key={key}
              type={block.ordered ? 'ordered' : 'unordered'}
              start={block.ordered ? block.start : undefined}
              spacing="xs"
              mb="sm"
            >
              {block.items.map((item, i) => (
                <List.Item key={i}>{renderInline(item, `${key}-${i}`)}</List.Item>
              ))}
            </List>
          );
        }
        return (
          <Text key={key} mb="sm">
            {renderInline(block.text, key)}
          </Text>
        );
      })}
    </>
  );
}

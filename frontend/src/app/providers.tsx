import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

import {
  createTheme,
  DEFAULT_THEME,
  MantineProvider,
  Menu,
  TableScrollContainer,
} from '@mantine/core';
import type { CSSVariablesResolver, MantineColorsTuple } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';

import { createQueryClient } from './query-client';

/**
 * Mantine's palette with shades 8 and 9 darkened where they miss WCAG AA (4.5:1) as text on
 * white or on their own light shade: filled, outline and text colours use shade 8 (the
 * primary shade below), light variants shade 9 on shade 1. The e2e run checks it with axe.
 */
const withDarkShades = (color: MantineColorsTuple, shade8: string, shade9: string) =>
  [...color.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple;

const colors = {
  red: withDarkShades(DEFAULT_THEME.colors.red, '#c92a2a', '#a51d1d'),
  green: withDarkShades(DEFAULT_THEME.colors.green, '#237a35', '#1b6129'),
  orange: withDarkShades(DEFAULT_THEME.colors.orange, '#c2410c', '#9a3412'),
  yellow: withDarkShades(DEFAULT_THEME.colors.yellow, '#9a5b07', '#7c4a0b'),
  teal: withDarkShades(DEFAULT_THEME.colors.teal, '#0f766e', '#115e59'),
  cyan: withDarkShades(DEFAULT_THEME.colors.cyan, '#0e7490', '#155e75'),
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  colors,
  // Text on filled backgrounds turns black where white would be too faint.
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'md',
  components: {
    // The placeholder is a focusable role="presentation" div inside role="menu", which only
    // menu items may be (axe: aria-required-children); the first item takes focus instead.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A table wider than the screen scrolls inside its container: focusable, so the
    // keyboard can scroll it too (axe: scrollable-region-focusable).
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
});

/** Links and dimmed text, by default blue.6 and gray.6 (3.6:1 and 3.3:1 on white). */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});

export function AppProviders({
  children,
  queryClient,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}

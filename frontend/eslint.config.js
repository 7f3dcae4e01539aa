import { readdirSync } from 'node:fs';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Features never import each other; the app layer composes them (ARCHITECTURE.md,
// bulletproof-react). One zone per feature folder, computed so a new feature is covered
// the day it is created.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureZones = features.map((name) => ({
  target: `./src/features/${name}`,
  from: './src/features',
  except: [`./${name}`],
  message: 'Features must not import each other; compose them in src/app.',
}));

// Shared layers (api, components, lib) sit below features; nothing below app imports app.
const layerZones = [
  {
    target: ['./src/features', './src/api', './src/components', './src/lib'],
    from: './src/app',
    message: 'Only the app layer may import from src/app.',
  },
  {
    target: ['./src/api', './src/components', './src/lib'],
    from: './src/features',
    message: 'Shared code must not depend on a feature.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/generated', 'e2e/screenshots', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importPlugin.flatConfigs.recommended,
  importPlugin.flatConfigs.typescript,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
    },
    plugins: { 'react-hooks': reactHooks },
    settings: {
      'import/resolver': {
        typescript: { project: './tsconfig.json' },
        node: true,
      },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-restricted-paths': ['error', { zones: [...featureZones, ...layerZones] }],
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js', 'vite.config.ts'],
    // e2e scripts run in node, and hand functions to the page (page.evaluate).
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    // The resolver cannot follow some packages' `exports` maps; tsc checks these files.
    rules: { 'import/no-unresolved': 'off' },
  },
  prettier,
);

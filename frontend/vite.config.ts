import { fileURLToPath, URL } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The dev server forwards everything the Django backend owns, so the SPA talks to one
// origin in development exactly as it does in production (session cookie + CSRF).
const backend = process.env.VITE_BACKEND_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/_allauth': { target: backend, changeOrigin: false },
      '/l/': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: scripts/bundle-size.mjs reads it to weigh the first screen.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a separate chunk stays cached.
        codeSplitting: {
          groups: [
            { name: 'mantine', test: /node_modules[\\/]@mantine/ },
            // Only the analytics pages draw charts: Recharts and what it alone uses load with them
            // (after mantine, whose group already holds React: a group takes its modules' imports).
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|@reduxjs|immer|reselect|react-redux|redux|redux-thunk|es-toolkit|eventemitter3|decimal\.js-light|victory-vendor|d3-[a-z-]+|internmap|tiny-invariant|use-sync-external-store)[\\/]/,
            },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    // Component tests type into real Mantine inputs: slow on a shared, busy CI machine.
    testTimeout: 30_000,
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});

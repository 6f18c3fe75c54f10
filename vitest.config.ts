import { defineConfig } from 'vitest/config';

// Three projects, run together by `npm test`: unit tests need nothing; integration tests need the engines
// (started by the launcher); e2e specs need the whole running stack.
const ignored = ['**/node_modules/**', '**/.next/**', '**/.tidemark/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.ts', 'engines/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...ignored, '**/*.integration.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

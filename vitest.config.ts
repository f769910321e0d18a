import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**', 'checks/**', 'reports/**'],
      exclude: ['**/*.test.ts'],
    },
  },
});

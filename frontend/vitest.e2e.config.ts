// End-to-end tests: a real fairtender binary on PostgreSQL, MinIO and Mailpit,
// driven through Debian's Chromium with playwright-core. See e2e/README.md.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // One journey, one browser, one server: nothing runs in parallel.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['verbose'],
  },
})

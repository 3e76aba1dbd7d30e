/// <reference types="vitest/config" />
import { cpSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const root = fileURLToPath(new URL('.', import.meta.url))

// govukAssets copies govuk-frontend's assets into public/assets (ignored by git),
// so they are served at /assets in development and copied into dist by the
// build, where $govuk-assets-path in src/styles/main.scss expects them. It leaves
// out the GDS Transport fonts: they are licensed for GOV.UK only, and main.scss
// does not use them.
function govukAssets(): Plugin {
  return {
    name: 'app-govuk-assets',
    config() {
      const from = `${root}node_modules/govuk-frontend/dist/govuk/assets`
      if (!existsSync(from)) return
      cpSync(from, `${root}public/assets`, {
        recursive: true,
        filter: (src) => !src.startsWith(`${from}/fonts`),
      })
    },
  }
}

export default defineConfig({
  plugins: [react(), govukAssets()],
  css: {
    // govuk-frontend's CSS uses hacks for old browsers that Lightning CSS rejects.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        // govuk-frontend 5 still uses @import and global functions; those warnings
        // are theirs to fix, not ours.
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function'],
      },
    },
  },
  build: {
    // Keeps the committed dist/.gitkeep (embed.go needs dist to exist);
    // scripts/clean-dist.mjs removes the previous build instead.
    emptyOutDir: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    unstubGlobals: true,
    // Generous, and set only here: on a busy machine a page that loads in 50 ms
    // when idle may take seconds. A test waits for what the user would see
    // (findBy…, waitFor; their timeout is set in src/test/setup.ts), so a long
    // limit costs nothing when the test passes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One jsdom, React and Testing Library per worker rather than per file: a
    // fresh environment for each of the 68 files was most of the stage's time
    // (measured in BENCHMARKS.md). src/test/setup.ts gives each file fresh
    // copies of our own modules and a clean document, so files still cannot
    // see each other's state.
    isolate: false,
  },
})

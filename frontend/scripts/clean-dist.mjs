// Removes the previous build but keeps dist/.gitkeep, which must stay in git so
// that frontend/embed.go compiles before anyone has built the frontend. Vite's
// own emptyOutDir would delete it, so vite.config.ts turns that off.
import { readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
for (const name of readdirSync(dist)) {
  if (name !== '.gitkeep') rmSync(dist + name, { recursive: true, force: true })
}

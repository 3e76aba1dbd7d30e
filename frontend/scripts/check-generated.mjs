// Fails when the committed API types are stale: src/api/schema.d.ts must be what
// openapi-typescript makes from openapi.json, and openapi.json must be what the
// server prints (`bin/fairtender openapi`) when a built binary is there.
// Fix with `make gen` (or `npm run gen` after updating openapi.json).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const bin = process.env.FAIRTENDER_BIN ?? join(root, '..', 'bin', 'fairtender')
let failed = false

const canonical = (text) => JSON.stringify(JSON.parse(text))

if (existsSync(bin)) {
  const served = execFileSync(bin, ['openapi'], { encoding: 'utf8', maxBuffer: 64 << 20 })
  if (canonical(served) !== canonical(readFileSync(join(root, 'openapi.json'), 'utf8'))) {
    console.error(
      `check-generated: frontend/openapi.json differs from \`${bin} openapi\`.\n` +
        '  The API changed: run `make gen` and commit frontend/openapi.json and frontend/src/api/schema.d.ts.\n' +
        '  (If the binary is older than your Go changes, rebuild it first.)',
    )
    failed = true
  } else {
    console.log(`check-generated: openapi.json matches ${bin}`)
  }
} else {
  console.log(`check-generated: ${bin} not built; checking schema.d.ts against openapi.json only`)
}

const tmp = mkdtempSync(join(tmpdir(), 'fairtender-gen-'))
try {
  const out = join(tmp, 'schema.d.ts')
  execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), [join(root, 'openapi.json'), '-o', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (readFileSync(out, 'utf8') !== readFileSync(join(root, 'src', 'api', 'schema.d.ts'), 'utf8')) {
    console.error(
      'check-generated: frontend/src/api/schema.d.ts is stale: it is not what openapi-typescript makes from frontend/openapi.json.\n' +
        '  Run `npm --prefix frontend run gen` (or `make gen`) and commit the result.',
    )
    failed = true
  } else {
    console.log('check-generated: src/api/schema.d.ts matches openapi.json')
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)

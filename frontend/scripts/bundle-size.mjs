// Prints the gzipped size of the JavaScript and CSS that dist/index.html loads
// (the first page's cost; pages loaded later are listed apart), against the
// 150 kB budget. Run `npm run build` first. Exits 1 when over budget.
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const BUDGET = 150 * 1000
const dist = fileURLToPath(new URL('../dist/', import.meta.url))

let html
try {
  html = readFileSync(dist + 'index.html', 'utf8')
} catch {
  console.error('bundle-size: dist/index.html not found: run `npm run build` first')
  process.exit(1)
}

const gz = (file) => gzipSync(readFileSync(dist + file), { level: 9 }).length
const kb = (n) => `${(n / 1000).toFixed(1)} kB`

const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
let total = 0
console.log('First page (loaded by index.html):')
for (const f of first) {
  const n = gz(f)
  total += n
  console.log(`  ${f.padEnd(44)} ${kb(n).padStart(9)} gzipped`)
}
const over = total > BUDGET
console.log(`  ${'total'.padEnd(44)} ${kb(total).padStart(9)} gzipped (budget ${kb(BUDGET)})${over ? ' OVER BUDGET' : ''}`)

const later = readdirSync(dist + 'assets')
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`)
  .filter((f) => !first.includes(f))
if (later.length) {
  console.log('Loaded later, when a page needs them:')
  for (const f of later) console.log(`  ${f.padEnd(44)} ${kb(gz(f)).padStart(9)} gzipped`)
}
process.exit(over ? 1 : 0)

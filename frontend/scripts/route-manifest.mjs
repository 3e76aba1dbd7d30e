// Lists every page address the web app's router knows, for the Go server: it
// answers 404 (with index.html, so the app still shows its Page not found) for
// any other address. The routes are read from the source with the TypeScript
// compiler, starting at AppRoutes in src/app/app.tsx, taking in each area's
// routes where it is composed as `{areaRoutes()}` (an exported function of
// src/pages/<area>/routes.tsx returning a fragment of <Route>s), and following
// each `path="/area/*"` into the component that routes inside it (an exported
// function rendering <Routes>). A path that is not a string literal (such as
// `path={t.slug}`) counts as a parameter: it matches any one segment.
//
// `npm run build` runs it after Vite as `node scripts/route-manifest.mjs --write`,
// which writes dist/routes.json; without --write it prints the list.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [p] : []
  })
}

const tagName = (n) => (ts.isJsxElement(n) ? n.openingElement.tagName : ts.isJsxSelfClosingElement(n) ? n.tagName : undefined)?.getText()
const attributes = (n) => (ts.isJsxElement(n) ? n.openingElement.attributes : n.attributes).properties

// routers maps each exported function that renders <Routes> to that element,
// and each that returns a fragment of <Route>s (an area's routes) to the fragment.
function routers() {
  const out = new Map()
  const fragments = new Map()
  for (const file of sourceFiles(SRC)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
    for (const st of sf.statements) {
      if (!ts.isFunctionDeclaration(st) || !st.name || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue
      const found = first(st, (n) => tagName(n) === 'Routes' && ts.isJsxElement(n))
      if (found) {
        out.set(st.name.text, found)
        continue
      }
      const fragment = first(st, (n) => ts.isJsxFragment(n))
      if (fragment && first(fragment, (n) => tagName(n) === 'Route')) fragments.set(st.name.text, fragment)
    }
  }
  return { components: out, fragments }
}

// first finds the first node under root (depth first) that pred accepts.
function first(root, pred) {
  let hit
  const visit = (n) => {
    if (hit) return
    if (pred(n)) hit = n
    else ts.forEachChild(n, visit)
  }
  ts.forEachChild(root, visit)
  return hit
}

// routeChildren finds the <Route> elements directly under n, looking through
// expressions such as `{tasks.map((t) => <Route … />)}` and into an area's
// routes composed as `{areaRoutes()}`, but not into routes.
function routeChildren(n, known) {
  const out = []
  const visit = (c) => {
    if (tagName(c) === 'Route') out.push(c)
    else if (ts.isCallExpression(c) && ts.isIdentifier(c.expression) && known.fragments.has(c.expression.text))
      known.fragments.get(c.expression.text).children.forEach(visit)
    else ts.forEachChild(c, visit)
  }
  if (ts.isJsxElement(n) || ts.isJsxFragment(n)) n.children.forEach(visit)
  return out
}

function join2(prefix, path) {
  if (path.startsWith('/')) return path
  return (prefix.endsWith('/') ? prefix : prefix + '/') + path
}

function walk(routesEl, prefix, known, out) {
  for (const r of routeChildren(routesEl, known)) {
    let path
    let index = false
    let element
    for (const a of attributes(r)) {
      if (!ts.isJsxAttribute(a)) continue
      const name = a.name.getText()
      if (name === 'index') index = true
      if (name === 'path') path = a.initializer && ts.isStringLiteral(a.initializer) ? a.initializer.text : ':param'
      if (name === 'element' && a.initializer) element = first(a.initializer, (n) => tagName(n) !== undefined)
    }
    if (index) {
      out.add(prefix || '/')
      continue
    }
    if (path === undefined) {
      walk(r, prefix, known, out) // a layout without a path, such as a role check
      continue
    }
    if (path === '*') continue // the app's own Page not found
    const full = join2(prefix, path)
    if (full.endsWith('/*')) {
      const base = full.slice(0, -2)
      const inner = element && known.components.get(tagName(element))
      if (inner) walk(inner, base, known, out)
      else out.add(full)
      continue
    }
    if (routeChildren(r, known).length > 0) walk(r, full, known, out)
    else out.add(full)
  }
}

/** routeManifest returns every page pattern of the app, sorted. */
export function routeManifest() {
  const known = routers()
  const root = known.components.get('AppRoutes')
  if (!root) throw new Error('route-manifest: no AppRoutes rendering <Routes> under src/')
  const out = new Set()
  walk(root, '', known, out)
  return [...out].sort()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = JSON.stringify(routeManifest(), null, 2) + '\n'
  if (process.argv.includes('--write')) writeFileSync(fileURLToPath(new URL('../dist/routes.json', import.meta.url)), json)
  else process.stdout.write(json)
}

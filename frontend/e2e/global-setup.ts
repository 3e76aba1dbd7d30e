// Starts one fairtender server for the whole e2e run, on its own PostgreSQL
// database, S3 bucket and data directory, and stops it and drops them after.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

/** Council staff accounts; each journey that publishes has its own buyer. */
export interface Staff {
  buyer: string
  secondBuyer: string
  searchBuyer: string
  alertsBuyer: string
  dpsBuyer: string
  /** A buyer, for the clarification questions journey. */
  clarificationsBuyer: string
  /** An admin, for the accounts journey. */
  admin: string
  /** An admin, who must set up two-step verification at their first sign-in. */
  twoStepAdmin: string
  /** A buyer, who may choose two-step verification. */
  twoStepBuyer: string
  /** A buyer, for the sealed bids journey: sets the response form and names the opening panel. */
  bidsBuyer: string
  /** An evaluator, the second officer on the sealed bids journey's opening panel. */
  bidsOfficer: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the e2e tests cannot run here; empty when they can. */
    skipReason: string
    baseURL: string
    mailpitURL: string
    runId: string
    /** Council staff accounts made with `fairtender admin create-user`, all with staffPassword. */
    staff: Staff
    staffPassword: string
  }
}

const frontend = fileURLToPath(new URL('..', import.meta.url))
const SERVICE_VARS = [
  'FAIRTENDER_TEST_POSTGRES_URL',
  'FAIRTENDER_TEST_S3_ENDPOINT',
  'FAIRTENDER_TEST_S3_ACCESS_KEY',
  'FAIRTENDER_TEST_S3_SECRET_KEY',
  'FAIRTENDER_TEST_SMTP_URL',
  'FAIRTENDER_TEST_MAILPIT_URL',
]
/** Where the harness expects Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium'

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

async function waitReady(url: string, proc: ChildProcess, log: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`e2e: fairtender serve exited with ${proc.exitCode} before it was ready:\n${tail(log)}`)
    try {
      const res = await fetch(`${url}/readyz`)
      if (res.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`e2e: fairtender was not ready at ${url}/readyz within ${timeoutMs / 1000}s:\n${tail(log)}`)
}

// createUser runs `fairtender admin create-user` with the server's settings.
function createUser(bin: string, env: NodeJS.ProcessEnv, email: string, name: string, role: string, password: string): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(bin, ['admin', 'create-user', '--email', email, '--name', name, '--role', role, '--password-stdin'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (out += d))
    p.on('error', fail)
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`e2e: admin create-user ${email} failed (${code}):\n${out}`))))
    p.stdin.end(`${password}\n`)
  })
}

/** setup is Vitest's global setup; the function it returns is the teardown. */
export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true'
  const skip = (reason: string) => {
    if (ci) throw new Error(`e2e: ${reason} (CI=true, so this is a failure)`)
    console.warn(`e2e: skipping: ${reason}`)
    project.provide('skipReason', reason)
    project.provide('baseURL', '')
    project.provide('mailpitURL', '')
    project.provide('runId', '')
    project.provide('staff', { buyer: '', secondBuyer: '', searchBuyer: '', alertsBuyer: '', dpsBuyer: '', clarificationsBuyer: '', admin: '', twoStepAdmin: '', twoStepBuyer: '', bidsBuyer: '', bidsOfficer: '' })
    project.provide('staffPassword', '')
  }

  const bin = resolve(process.env.FAIRTENDER_BIN ?? join(frontend, '..', 'bin', 'fairtender'))
  // The binary is never optional: running e2e without it is a mistake, not an environment without services.
  if (!existsSync(bin)) throw new Error(`e2e: ${bin} not found: build it first with \`make build\` (the e2e harness builds nothing)`)
  const missing = SERVICE_VARS.filter((v) => !process.env[v])
  if (missing.length) return skip(`${missing.join(', ')} not set: start services with deploy/local/services.sh`)
  if (!existsSync(CHROMIUM)) return skip(`${CHROMIUM} not found: apt-get install chromium`)

  const runId = randomBytes(4).toString('hex')
  const dbName = `fairtender_e2e_${runId}`
  const adminURL = process.env.FAIRTENDER_TEST_POSTGRES_URL!
  const admin = new pg.Client({ connectionString: adminURL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  const dbURL = new URL(adminURL)
  dbURL.pathname = `/${dbName}`

  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'fairtender-e2e-'))
  const log = join(dataDir, 'server.log')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    FAIRTENDER_DATABASE_URL: dbURL.toString(),
    FAIRTENDER_S3_ENDPOINT: process.env.FAIRTENDER_TEST_S3_ENDPOINT,
    FAIRTENDER_S3_ACCESS_KEY: process.env.FAIRTENDER_TEST_S3_ACCESS_KEY,
    FAIRTENDER_S3_SECRET_KEY: process.env.FAIRTENDER_TEST_S3_SECRET_KEY,
    FAIRTENDER_S3_BUCKET: `e2e-${runId}`,
    FAIRTENDER_SMTP_URL: process.env.FAIRTENDER_TEST_SMTP_URL,
    FAIRTENDER_BASE_URL: baseURL,
    FAIRTENDER_LISTEN: `127.0.0.1:${port}`,
    FAIRTENDER_DATA_DIR: dataDir,
    FAIRTENDER_SECRET_KEY: randomBytes(32).toString('hex'),
    // A call-back must use a phone number on record for 30 days; the journey
    // adds its numbers minutes before, so here any number on record will do.
    FAIRTENDER_CALLBACK_PHONE_MIN_AGE: '0s',
    // Each browser and API sign-in sends its own address in this header (browser.ts personAddress),
    // so the per-address limits on signing in count each person, not the whole run from 127.0.0.1.
    FAIRTENDER_CLIENT_IP_HEADER: 'X-Forwarded-For',
  }
  console.log(`e2e: fairtender at ${baseURL}, database ${dbName}, log ${log}`)

  const server = spawn(bin, ['serve'], { env, stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] })
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r))
      server.kill('SIGTERM')
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
    const cleanup = new pg.Client({ connectionString: adminURL })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await cleanup.end()
    if (process.env.FAIRTENDER_E2E_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitReady(baseURL, server, log)
  } catch (err) {
    await stop()
    throw err
  }

  // Council staff cannot register: an administrator makes their accounts with
  // the command line, against the same database as the running server.
  const staffPassword = 'granite puffin orchard lamp'
  // Each journey that publishes has its own buyer, so that one journey's opportunities never
  // show in another's lists, whichever order the files run in.
  const staff: Staff = {
    buyer: `buyer-${runId}@council.example`,
    secondBuyer: `buyer2-${runId}@council.example`,
    searchBuyer: `search-buyer-${runId}@council.example`,
    alertsBuyer: `alerts-buyer-${runId}@council.example`,
    dpsBuyer: `dps-buyer-${runId}@council.example`,
    clarificationsBuyer: `questions-buyer-${runId}@council.example`,
    admin: `accounts-admin-${runId}@council.example`,
    twoStepAdmin: `admin-${runId}@council.example`,
    twoStepBuyer: `two-step-buyer-${runId}@council.example`,
    bidsBuyer: `bids-buyer-${runId}@council.example`,
    bidsOfficer: `bids-officer-${runId}@council.example`,
  }
  try {
    await createUser(bin, env, staff.buyer, 'Bola Buyer', 'buyer', staffPassword)
    await createUser(bin, env, staff.secondBuyer, 'Chris Checker', 'buyer', staffPassword)
    await createUser(bin, env, staff.searchBuyer, 'Sam Search', 'buyer', staffPassword)
    await createUser(bin, env, staff.alertsBuyer, 'Alex Alerts', 'buyer', staffPassword)
    await createUser(bin, env, staff.dpsBuyer, 'Dee Dynamic', 'buyer', staffPassword)
    await createUser(bin, env, staff.clarificationsBuyer, 'Quinn Questions', 'buyer', staffPassword)
    await createUser(bin, env, staff.admin, 'Ada Admin', 'admin', staffPassword)
    await createUser(bin, env, staff.twoStepAdmin, 'Ade Admin', 'admin', staffPassword)
    await createUser(bin, env, staff.twoStepBuyer, 'Tia Twostep', 'buyer', staffPassword)
    await createUser(bin, env, staff.bidsBuyer, 'Bea Bidwell', 'buyer', staffPassword)
    await createUser(bin, env, staff.bidsOfficer, 'Otto Opener', 'evaluator', staffPassword)
  } catch (err) {
    await stop()
    throw err
  }

  project.provide('skipReason', '')
  project.provide('staff', staff)
  project.provide('staffPassword', staffPassword)
  project.provide('baseURL', baseURL)
  project.provide('mailpitURL', process.env.FAIRTENDER_TEST_MAILPIT_URL!.replace(/\/$/, ''))
  project.provide('runId', runId)
  return stop
}

// `npm run bench:profile`: the built sandbox under `node --cpu-prof`, one process per workload
// (start-up alone, GET record, POST create, the hosted page, the create → ?scenario=pass → GET flow;
// `node bench/profile.mjs get create` for some), then a summary of where the CPU went.
// Profiles are kept in bench/profiles/ (open them in Chrome DevTools or speedscope).
//   PROFILE_SECONDS (8)  BENCH_CONNECTIONS (10)
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatSummary, summarise } from './cpuprofile.mjs'
import { CREATE_BODY, CREDENTIALS, JSON_HEADERS, cannon, createSession, envInt, request, startServer } from './lib.mjs'

const SECONDS = envInt('PROFILE_SECONDS', 8, 1, 120)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000)
const DIR = fileURLToPath(new URL('./profiles/', import.meta.url))
const log = (...args) => console.error('[profile]', ...args)

async function completedSession (url) {
  const token = await createSession(url)
  await request({ method: 'POST', url: `${url}/_sandbox/verifications/${token}/complete`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'pass' }) })
  return token
}

const WORKLOADS = {
  startup: null,
  get: async url => ({ url: `${url}/api/ekyc/verifications/${await completedSession(url)}`, headers: CREDENTIALS }),
  create: async url => ({ url: `${url}/api/ekyc/verifications`, method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY }),
  page: async url => ({ url: `${url}/verifications?token=${await createSession(url)}` }),
  // Create, then open the page with ?scenario=pass (the identity is generated here), then GET.
  flow: async url => ({
    url,
    requests: [
      { method: 'POST', path: '/api/ekyc/verifications', headers: JSON_HEADERS, body: CREATE_BODY, onResponse (status, body, context) { context.token = status === 200 ? JSON.parse(body).result.token : 'MISSING' } },
      { method: 'GET', setupRequest: (req, context) => ({ ...req, path: `/verifications?token=${context.token}&scenario=pass`, headers: {} }) },
      { method: 'GET', setupRequest: (req, context) => ({ ...req, path: `/api/ekyc/verifications/${context.token}`, headers: CREDENTIALS }) }
    ]
  })
}

const only = process.argv.slice(2)
for (const [name, options] of Object.entries(WORKLOADS)) {
  if (only.length > 0 && !only.includes(name)) continue
  const dir = join(DIR, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const server = await startServer({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], timeoutMs: 30_000 })
  let rps = null
  let skipMs = 0
  if (options !== null) {
    log(`${name}: ${SECONDS}s, ${CONNECTIONS} connections`)
    const cannonOptions = await options(server.url)
    // Only the steady state counts: start-up and set-up are left out of the summary.
    skipMs = performance.now() - server.spawnedAt
    const result = await cannon({ ...cannonOptions, connections: CONNECTIONS, duration: SECONDS })
    rps = result.requests.average
  }
  const exit = await server.stop('SIGTERM', 30_000)
  const file = readdirSync(dir).find(f => f.endsWith('.cpuprofile'))
  if (file === undefined) {
    log(`${name}: no profile written (exit ${JSON.stringify(exit)})`)
    continue
  }
  const summary = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), 18, skipMs)
  console.log(formatSummary(summary, `${name}${rps === null ? ` (ready after ${server.readyMs.toFixed(0)} ms)` : ` (${Math.round(rps)} req/s under the profiler)`} ${join('bench/profiles', name, file)}`))
  console.log()
}

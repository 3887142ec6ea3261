// `npm run soak` (not part of `npm test`): SOAK_SECONDS (60) of mixed load on the built server with
// faults armed through the control plane, then a SIGTERM in the middle of the load.
//  - load: SOAK_WORKERS (8) loops of create → page ?scenario=pass (303) → GET record, keep-alive, two clients;
//  - faults: armed every 2 s with known routes, statuses and counts (mostly scoped to the client
//    `soak-faulty`, some for anyone); every non-2xx/303 answer must be one of them, and at the end
//    each (route, status) was seen exactly as often as it was armed and used;
//  - shutdown: GETs are slowed by a latency fault so that some are in flight, then SIGTERM: every
//    request in flight at the signal must get its answer (no reset), and the process must exit 0.
// Prints a summary; exits 1 when a check fails.
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { CREATE_BODY, JSON_HEADERS, envInt, fmt, intFmt, machine, procMb, requestJson, startServer } from './lib.mjs'

const SECONDS = envInt('SOAK_SECONDS', 60, 5, 24 * 3600)
const WORKERS = envInt('SOAK_WORKERS', 8, 1, 256)
const SHUTDOWN_LATENCY_MS = 400
const log = (...args) => console.error('[soak]', ...args)
const began = performance.now()

const CLIENTS = {
  steady: { client_id: 'soak-steady', client_secret: 'sk_soak' },
  faulty: { client_id: 'soak-faulty', client_secret: 'sk_soak' }
}
// Armed in turn, one every 2 s. Client-scoped faults only hit the `faulty` workers; page faults hit anyone.
const FAULTS = [
  { route: 'create', status: 503, count: 3, client_id: CLIENTS.faulty.client_id },
  { route: 'get', status: 500, count: 2, client_id: CLIENTS.faulty.client_id },
  { route: 'page', status: 503, count: 2 },
  { route: 'get', status: 429, count: 2, client_id: CLIENTS.faulty.client_id },
  { route: 'create', status: 422, count: 1, client_id: CLIENTS.faulty.client_id },
  { route: 'get', latency_ms: 30, count: 5 },
  { route: 'get', status: 404, count: 1, client_id: CLIENTS.faulty.client_id },
  { route: 'create', status: 500, count: 2 },
  { route: 'page', status: 500, count: 1 }
]

const server = await startServer({ kind: 'sandbox' })
const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS * 2 })

// ---- the load ---------------------------------------------------------------------------------
let sigtermAt = null // performance.now() when SIGTERM was sent
let paused = false
let stopping = false
const inFlight = new Set()
const stats = { requests: 0, flows: 0, byRoute: {}, unexpected: [], fidelity: [] }
const observedFaults = {} // `${route} ${status}` -> n (before the shutdown phase)
const shutdown = { inFlightAtSignal: 0, inFlightAnswered: {}, inFlightErrors: {}, inFlightConnectionClose: 0, afterSignal: {}, afterSignalResetsOnReusedSocket: 0 }

function send (route, { method = 'GET', path, headers = {}, body }) {
  return new Promise(resolve => {
    const entry = { route, sentAt: performance.now(), beforeSignal: sigtermAt === null }
    inFlight.add(entry)
    const done = outcome => {
      if (!inFlight.delete(entry)) return
      if (entry.countedAtSignal && outcome.headers?.connection === 'close') shutdown.inFlightConnectionClose++
      if (!entry.beforeSignal && outcome.error !== undefined && entry.reusedSocket) shutdown.afterSignalResetsOnReusedSocket++
      if (entry.countedAtSignal) {
        const bucket = outcome.status !== undefined ? shutdown.inFlightAnswered : shutdown.inFlightErrors
        const key = outcome.status ?? outcome.error
        bucket[key] = (bucket[key] ?? 0) + 1
      } else if (!entry.beforeSignal) {
        const key = outcome.status ?? outcome.error
        shutdown.afterSignal[key] = (shutdown.afterSignal[key] ?? 0) + 1
      }
      resolve({ ...outcome, entry })
    }
    const req = http.request(`${server.url}${path}`, { method, headers, agent, timeout: 15_000 }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', err => done({ error: err.code ?? err.message }))
    })
    req.on('socket', () => { entry.reusedSocket = req.reusedSocket })
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })))
    req.on('error', err => done({ error: err.code ?? err.message }))
    req.end(body)
  })
}

/** Classifies one answer of the steady phase: fine, an armed fault, or unexpected. */
function account (route, res, expectedStatus) {
  stats.requests++
  const key = `${route} ${res.status ?? res.error}`
  stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1
  if (!res.entry.beforeSignal || res.entry.countedAtSignal) return 'shutdown'
  if (res.status === expectedStatus) return 'ok'
  if (res.status !== undefined && armedStatuses.has(`${route} ${res.status}`)) {
    observedFaults[`${route} ${res.status}`] = (observedFaults[`${route} ${res.status}`] ?? 0) + 1
    return 'fault'
  }
  if (stats.unexpected.length < 1000) stats.unexpected.push(`${route}: ${res.status ?? res.error} ${(res.body ?? '').slice(0, 120)}`)
  return 'unexpected'
}

async function worker (i) {
  const credentials = i % 2 === 0 ? CLIENTS.steady : CLIENTS.faulty
  const deadline = performance.now() + (SECONDS + 30) * 1000 // a hard bound on top of the phases
  while (!stopping && performance.now() < deadline) {
    if (paused) { await sleep(10); continue }
    const created = await send('create', { method: 'POST', path: '/api/ekyc/verifications', headers: { ...JSON_HEADERS, ...credentials }, body: CREATE_BODY })
    if (account('create', created, 200) !== 'ok') { if (created.error === 'ECONNREFUSED') break; continue }
    const token = JSON.parse(created.body).result.token
    const page = await send('page', { path: `/verifications?token=${token}&scenario=pass` })
    const pageOk = account('page', page, 303) === 'ok'
    if (pageOk && !/[?&]is_success=1(&|#|$)/.test(page.headers.location ?? '')) stats.fidelity.push(`303 to ${page.headers.location}`)
    const record = await send('get', { path: `/api/ekyc/verifications/${token}`, headers: credentials })
    if (account('get', record, 200) === 'ok') {
      stats.flows++
      const result = JSON.parse(record.body).result
      if (pageOk && result.is_success !== 1 && stats.fidelity.length < 50) stats.fidelity.push(`record ${token} is_success ${result.is_success} after ?scenario=pass`)
    }
    if (record.error === 'ECONNREFUSED') break
  }
}

// ---- the control plane --------------------------------------------------------------------------
const armed = {} // `${route} ${status}` -> count armed
const armedStatuses = new Set()
const control = (method, path, body) => requestJson({
  method, url: `${server.url}/_sandbox/${path}`, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body)
})

async function armFaults (untilMs) {
  let n = 0
  while (performance.now() < untilMs) {
    const fault = FAULTS[n++ % FAULTS.length]
    if (fault.status !== undefined) armedStatuses.add(`${fault.route} ${fault.status}`) // before the arm: answers can come at once
    const res = await control('POST', 'faults', fault)
    if (res.status !== 200) throw new Error(`arming ${JSON.stringify(fault)} answered ${res.status}: ${res.body}`)
    if (fault.status !== undefined) armed[`${fault.route} ${fault.status}`] = (armed[`${fault.route} ${fault.status}`] ?? 0) + fault.count
    await sleep(Math.min(2000, Math.max(0, untilMs - performance.now())))
  }
}

// ---- the run ------------------------------------------------------------------------------------
const checks = []
const check = (name, ok, detail) => checks.push({ name, ok, detail })
let maxRss = 0
const sampler = setInterval(() => { maxRss = Math.max(maxRss, procMb(server.pid) ?? 0) }, 250)
const steadyStart = performance.now()
const steadyEnd = steadyStart + SECONDS * 1000
log(`${SECONDS} s of load, ${WORKERS} workers, faults armed every 2 s`)
const workers = Array.from({ length: WORKERS }, (_, i) => worker(i))
await armFaults(steadyEnd - Math.min(5000, SECONDS * 100))
await sleep(Math.max(0, steadyEnd - performance.now()))

// Pause the load to settle the fault books exactly: armed = answered with the fault + still waiting.
paused = true
const pauseBound = performance.now() + 20_000
while (inFlight.size > 0 && performance.now() < pauseBound) await sleep(5)
const waiting = (await control('GET', 'faults')).json.result
const remaining = {}
for (const f of waiting) if (f.status !== null) remaining[`${f.route} ${f.status}`] = (remaining[`${f.route} ${f.status}`] ?? 0) + f.remaining
await control('DELETE', 'faults')
const steadySeconds = (performance.now() - steadyStart) / 1000
const books = Object.keys(armed).sort().map(key => ({ key, armed: armed[key], answered: observedFaults[key] ?? 0, waiting: remaining[key] ?? 0 }))
const booksBalanced = books.every(b => b.answered + b.waiting === b.armed)
const steadyRequests = stats.requests

// Shutdown under load: slow every GET down so that some are surely in flight, then SIGTERM.
await control('POST', 'faults', { route: 'get', latency_ms: SHUTDOWN_LATENCY_MS, count: 100_000 })
paused = false
await sleep(SHUTDOWN_LATENCY_MS * 1.5)
sigtermAt = performance.now()
for (const entry of inFlight) { entry.countedAtSignal = true; shutdown.inFlightAtSignal++ }
const inFlightByRoute = {}
for (const entry of inFlight) inFlightByRoute[entry.route] = (inFlightByRoute[entry.route] ?? 0) + 1
log(`SIGTERM with ${shutdown.inFlightAtSignal} requests in flight ${JSON.stringify(inFlightByRoute)}`)
const exit = await server.stop('SIGTERM', 20_000)
const exitMs = performance.now() - sigtermAt
stopping = true
const settleBound = performance.now() + 20_000
while (inFlight.size > 0 && performance.now() < settleBound) await sleep(5)
await Promise.race([Promise.all(workers), sleep(20_000)])
clearInterval(sampler)
agent.destroy()

// ---- the verdict ------------------------------------------------------------------------------
const answeredInFlight = Object.values(shutdown.inFlightAnswered).reduce((a, b) => a + b, 0)
const failedInFlight = Object.values(shutdown.inFlightErrors).reduce((a, b) => a + b, 0)
const afterResets = Object.entries(shutdown.afterSignal).filter(([k]) => /RESET|hang up|EPIPE/i.test(k)).reduce((a, [, n]) => a + n, 0)
check('steady load ran', steadyRequests > 0, `${intFmt(steadyRequests)} requests, ${intFmt(stats.flows)} full flows in ${fmt(steadySeconds, 0)} s (${intFmt(steadyRequests / steadySeconds)} req/s)`)
check('zero unexpected answers', stats.unexpected.length === 0, stats.unexpected.length === 0 ? 'none' : `${stats.unexpected.length}: ${stats.unexpected.slice(0, 5).join(' | ')}`)
check('every armed fault was seen as armed (answered + still waiting = armed)', booksBalanced && books.length > 0,
  books.map(b => `${b.key}: ${b.answered}+${b.waiting}/${b.armed}`).join(', '))
check('records follow the scenario (is_success=1 in the redirect and the record)', stats.fidelity.length === 0, stats.fidelity.length === 0 ? 'yes' : stats.fidelity.slice(0, 3).join(' | '))
check('requests were in flight at SIGTERM', shutdown.inFlightAtSignal > 0, `${shutdown.inFlightAtSignal} ${JSON.stringify(inFlightByRoute)}`)
check('every in-flight request got its answer (no reset)', failedInFlight === 0 && answeredInFlight === shutdown.inFlightAtSignal,
  `answered ${JSON.stringify(shutdown.inFlightAnswered)}, failed ${JSON.stringify(shutdown.inFlightErrors)}`)
check('the process exited 0 after SIGTERM', exit.code === 0, `${JSON.stringify(exit)} ${fmt(exitMs, 0)} ms after the signal`)

const m = machine()
console.log(`\nsoak · ${m.date} · Node ${m.node} · ${m.cores} cores · load ${m.load} · ${SECONDS} s · ${WORKERS} workers · whole run ${fmt((performance.now() - began) / 1000, 0)} s · server RSS max ${fmt(maxRss, 0)} MB`)
console.log(`answers by route: ${JSON.stringify(stats.byRoute)}`)
console.log(`in-flight answers carrying Connection: close: ${shutdown.inFlightConnectionClose} of ${answeredInFlight}`)
console.log(`requests sent after SIGTERM (not judged): ${JSON.stringify(shutdown.afterSignal)} (503 = refused while closing, ECONNREFUSED = listener closed; ${afterResets} reset, ${shutdown.afterSignalResetsOnReusedSocket} of the failures on a reused keep-alive socket: the client's usual retry case)`)
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`)
const failed = checks.filter(c => !c.ok)
console.log(failed.length === 0 ? 'soak passed' : `${failed.length} check(s) failed`)
process.exit(failed.length === 0 ? 0 : 1)

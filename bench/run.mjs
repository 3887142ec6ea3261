// `npm run bench`: the built sandbox against a bare Fastify serving the same bytes, same machine, same run.
// Measures cold start to /health, then each workload on each server (autocannon, warm-up first), RSS,
// and writes the table to BENCHMARKS.md between <!-- bench:results:start/end -->.
//   BENCH_SECONDS (10)  BENCH_WARMUP_SECONDS (2)  BENCH_CONNECTIONS (10)  BENCH_COLD_STARTS (5)
//   BENCH_NODE_FLAGS (npm start's): other node flags for the sandbox; the table is then printed, not written
import { rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import {
  CREATE_BODY, CREDENTIALS, JSON_HEADERS, cannon, cpuMs, createSession, envInt, fmt, intFmt, machine, procMb,
  request, requestJson, startServer, statusCounts, writeSection
} from './lib.mjs'

const SECONDS = envInt('BENCH_SECONDS', 10, 1, 600)
const WARMUP = envInt('BENCH_WARMUP_SECONDS', 2, 0, 60)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000)
const COLD_STARTS = envInt('BENCH_COLD_STARTS', 5, 1, 20)
const TARGETS = { getRatio: 0.8, postRatio: 0.5, p99Ms: 5, coldStartMs: 500, rssMb: 150 }

const log = (...args) => console.error('[bench]', ...args)
const started = performance.now()
const env = machine()

/** A finished pass-scenario session: the record a merchant reads after the flow (ocr and face results filled). */
async function completedSession (url) {
  const token = await createSession(url)
  const res = await request({
    method: 'POST',
    url: `${url}/_sandbox/verifications/${token}/complete`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'pass' })
  })
  if (res.status !== 200) throw new Error(`complete answered ${res.status}: ${res.body.slice(0, 300)}`)
  return token
}

// The workloads: each returns autocannon options for one server, and the statuses it expects.
const WORKLOADS = [
  {
    name: 'GET record',
    key: 'get',
    expected: ['200'],
    async options (server) {
      const token = server.kind === 'bare' ? 'X'.repeat(30) : await completedSession(server.url)
      return { url: `${server.url}/api/ekyc/verifications/${token}`, headers: CREDENTIALS }
    }
  },
  {
    name: 'POST create',
    key: 'create',
    expected: ['200'],
    async options (server) {
      return { url: `${server.url}/api/ekyc/verifications`, method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY }
    }
  },
  {
    name: 'hosted page',
    key: 'page',
    expected: ['200'],
    async options (server) {
      const token = server.kind === 'bare' ? 'X'.repeat(30) : await createSession(server.url)
      return { url: `${server.url}/verifications?token=${token}` }
    }
  },
  {
    // One flow = 3 requests: create, open the page with ?scenario=pass (303), read the record.
    name: 'flow (3 req)',
    key: 'flow',
    expected: ['200', '303'],
    async options (server) {
      return {
        url: server.url,
        requests: [
          {
            method: 'POST',
            path: '/api/ekyc/verifications',
            headers: JSON_HEADERS,
            body: CREATE_BODY,
            onResponse (status, body, context) {
              context.token = status === 200 ? JSON.parse(body).result.token : 'MISSING'
            }
          },
          {
            method: 'GET',
            setupRequest (req, context) {
              return { ...req, path: `/verifications?token=${context.token}&scenario=pass`, headers: {} }
            }
          },
          {
            method: 'GET',
            setupRequest (req, context) {
              return { ...req, path: `/api/ekyc/verifications/${context.token}`, headers: CREDENTIALS }
            }
          }
        ]
      }
    }
  }
]

async function measure (server, workload) {
  const options = await workload.options(server)
  if (WARMUP > 0) await cannon({ ...options, connections: CONNECTIONS, duration: WARMUP })
  // The server's CPU time per request: far less sensitive to a busy machine than req/s.
  const cpuBefore = cpuMs(server.pid)
  const result = await cannon({ ...options, connections: CONNECTIONS, duration: SECONDS })
  const cpuAfter = cpuMs(server.pid)
  const counts = statusCounts(result)
  const unexpected = Object.entries(counts).filter(([s]) => !workload.expected.includes(s)).reduce((n, [, c]) => n + c, 0)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    unexpected,
    counts,
    rssMb: procMb(server.pid),
    cpuUsPerReq: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total
  }
}

// 1. Cold start: spawn → first 200 from /health, best of a few.
log(`cold start x${COLD_STARTS}`)
const cold = []
for (let i = 0; i < COLD_STARTS; i++) {
  const s = await startServer({ kind: 'sandbox' })
  cold.push({ ms: s.readyMs, rssMb: procMb(s.pid) })
  await s.stop()
}
const bareColdServer = await startServer({ kind: 'bare' })
const bareColdMs = bareColdServer.readyMs
await bareColdServer.stop()
const coldBest = Math.min(...cold.map(c => c.ms))
const coldMedian = cold.map(c => c.ms).sort((a, b) => a - b)[Math.floor(cold.length / 2)]
const idleRss = Math.min(...cold.map(c => c.rssMb ?? Infinity))

// 2. Both servers; the bare one serves the sandbox's own bytes.
const sandbox = await startServer({ kind: 'sandbox' })
const sample = await completedSession(sandbox.url)
const createRes = await request({ method: 'POST', url: `${sandbox.url}/api/ekyc/verifications`, headers: JSON_HEADERS, body: CREATE_BODY })
const recordRes = await request({ url: `${sandbox.url}/api/ekyc/verifications/${sample}`, headers: CREDENTIALS })
const pageRes = await request({ url: `${sandbox.url}/verifications?token=${await createSession(sandbox.url)}` })
const redirectRes = await request({ url: `${sandbox.url}/verifications?token=${await createSession(sandbox.url)}&scenario=pass` })
for (const [name, res, status] of [['create', createRes, 200], ['record', recordRes, 200], ['page', pageRes, 200], ['page?scenario=pass', redirectRes, 303]]) {
  if (res.status !== status) throw new Error(`sandbox ${name} answered ${res.status}, expected ${status}: ${res.body.slice(0, 300)}`)
}
const bodies = { create: createRes.body, record: recordRes.body, page: pageRes.body, redirect: redirectRes.headers.location }
const bodiesFile = join(os.tmpdir(), `ekyc-bench-bodies-${process.pid}.json`)
writeFileSync(bodiesFile, JSON.stringify(bodies))
const bare = await startServer({ kind: 'bare', env: { BARE_BODIES_FILE: bodiesFile } })
const sizes = {}
for (const [name, res] of [['create', await requestJson({ method: 'POST', url: `${bare.url}/api/ekyc/verifications`, headers: JSON_HEADERS, body: CREATE_BODY })],
  ['record', await request({ url: `${bare.url}/api/ekyc/verifications/X` })], ['page', await request({ url: `${bare.url}/verifications?token=X` })]]) {
  sizes[name] = { sandbox: Buffer.byteLength(bodies[name]), bare: res.buffer.length }
  if (sizes[name].sandbox !== sizes[name].bare) throw new Error(`bare ${name} body is ${sizes[name].bare} bytes, sandbox's ${sizes[name].sandbox}`)
}
log('body bytes', JSON.stringify(sizes))

// 3. The workloads, sandbox then bare for each, so drift in the machine's load hits both alike.
const results = {}
for (const workload of WORKLOADS) {
  results[workload.key] = {}
  for (const server of [sandbox, bare]) {
    log(`${workload.name} on ${server.kind}: ${WARMUP}s warm-up + ${SECONDS}s, ${CONNECTIONS} connections`)
    results[workload.key][server.kind] = await measure(server, workload)
  }
}

// 4. Memory after the run, then a graceful stop of both.
const rssAfter = procMb(sandbox.pid)
const rssPeak = procMb(sandbox.pid, 'VmHWM')
const bareRssAfter = procMb(bare.pid)
const health = (await requestJson({ url: `${sandbox.url}/health` })).json
const stops = { sandbox: await sandbox.stop(), bare: await bare.stop() }
rmSync(bodiesFile, { force: true })
const totalSeconds = (performance.now() - started) / 1000

// 5. The table and the targets.
const rows = []
for (const workload of WORKLOADS) {
  const r = results[workload.key]
  for (const kind of ['sandbox', 'bare']) {
    const m = r[kind]
    const ratio = kind === 'sandbox' ? fmt(m.rps / r.bare.rps, 2) + '×' : ''
    const cpuRatio = kind === 'sandbox' ? fmt(r.bare.cpuUsPerReq / m.cpuUsPerReq, 2) + '×' : ''
    const bad = m.errors + m.unexpected
    rows.push(`| ${workload.name} | ${kind} | ${intFmt(m.rps)} | ${fmt(m.p50, 0)} | ${fmt(m.p99, 0)} | ${fmt(m.cpuUsPerReq, 0)} | ${fmt(m.rssMb, 0)} | ${ratio} | ${cpuRatio} | ${intFmt(m.total)} | ${bad}${bad > 0 ? ' ' + JSON.stringify(m.counts) : ''} |`)
  }
}
const ratio = key => results[key].sandbox.rps / results[key].bare.rps
const cpuRatio = key => results[key].bare.cpuUsPerReq / results[key].sandbox.cpuUsPerReq
const worstP99 = Math.max(results.get.sandbox.p99, results.create.sandbox.p99)
const check = ok => (ok ? 'PASS' : '**FAIL**')
const targets = [
  ['GET record ≥ 0.8× bare req/s', `${fmt(ratio('get'), 2)}× (CPU per request ${fmt(cpuRatio('get'), 2)}×)`, check(ratio('get') >= TARGETS.getRatio)],
  ['POST create ≥ 0.5× bare req/s', `${fmt(ratio('create'), 2)}× (CPU per request ${fmt(cpuRatio('create'), 2)}×)`, check(ratio('create') >= TARGETS.postRatio)],
  [`p99 ≤ ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections (GET, POST)`, `${fmt(worstP99, 0)} ms (bare ${fmt(Math.max(results.get.bare.p99, results.create.bare.p99), 0)}; page ${fmt(results.page.sandbox.p99, 0)}, flow ${fmt(results.flow.sandbox.p99, 0)})`, check(worstP99 <= TARGETS.p99Ms)],
  [`cold start to /health ≤ ${TARGETS.coldStartMs} ms (best of ${COLD_STARTS})`, `${fmt(coldBest, 0)} ms (median ${fmt(coldMedian, 0)}; bare ${fmt(bareColdMs, 0)})`, check(coldBest <= TARGETS.coldStartMs)],
  [`RSS after the run ≤ ${TARGETS.rssMb} MB`, `${fmt(rssAfter, 0)} MB (peak ${fmt(rssPeak, 0)}, idle ${fmt(idleRss, 0)}, bare ${fmt(bareRssAfter, 0)}; ${health?.sessions ?? '?'} sessions held)`, check(rssAfter !== null && rssAfter <= TARGETS.rssMb)],
  ['no errors, no unexpected statuses', String(Object.values(results).flatMap(r => [r.sandbox, r.bare]).reduce((n, m) => n + m.errors + m.unexpected, 0)), check(Object.values(results).every(r => r.sandbox.errors + r.sandbox.unexpected + r.bare.errors + r.bare.unexpected === 0))],
  ['graceful SIGTERM exit 0', `sandbox ${JSON.stringify(stops.sandbox)}`, check(stops.sandbox.code === 0)]
]

const markdown = `
## Results (\`npm run bench\`)

${env.date} · Node ${env.node} · ${env.cores} cores (${env.cpu}, ${env.memGb} GB) · load average at the end ${machine().load} (at the start ${env.load})
· ${SECONDS} s per workload per server after a ${WARMUP} s warm-up · ${CONNECTIONS} connections · pipelining 1 · autocannon in the parent process
· sandbox: \`${process.execPath.split('/').pop()} ${sandboxEntryName()}\`, LOG_LEVEL=silent, defaults otherwise; bare: \`bench/bare.mjs\` (Fastify, same bytes: create ${sizes.create.bare} B, record ${sizes.record.bare} B, page ${sizes.page.bare} B) · whole run ${fmt(totalSeconds, 0)} s

| workload | server | req/s | p50 ms | p99 ms | CPU µs/req | RSS MB | ours/bare req/s | ours/bare CPU | requests | bad |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

Latencies are autocannon's (whole milliseconds). CPU µs/req is the server process's user+system CPU time (/proc/<pid>/stat) over the measured window divided by the requests answered; "ours/bare CPU" is bare's CPU per request over ours (the same direction as the req/s ratio: 1.0× = as cheap as bare). On a busy machine trust the CPU column over req/s.

GET record reads a finished \`pass\` session (OCR and face results filled). The flow is create → page \`?scenario=pass\` (303) → GET record; req/s counts all three (flows/s = req/s ÷ 3); the bare server answers the same three requests statically.

| target | measured | |
|---|---|---|
${targets.map(t => `| ${t.join(' | ')} |`).join('\n')}
`
function sandboxEntryName () {
  return sandbox.child.spawnargs.slice(1).join(' ').replace(/\/\S*\/(bench|dist)\//, '$1/')
}

console.log(markdown)
if (process.env.BENCH_NODE_FLAGS === undefined) {
  writeSection('bench:results', markdown)
  log(`done in ${fmt(totalSeconds, 0)} s; table written to BENCHMARKS.md`)
} else {
  log(`done in ${fmt(totalSeconds, 0)} s; BENCH_NODE_FLAGS is set, so BENCHMARKS.md keeps npm start's table`)
}
const failed = Object.values(results).some(r => r.sandbox.errors + r.sandbox.unexpected > 0) || stops.sandbox.code !== 0
process.exit(failed ? 1 : 0)

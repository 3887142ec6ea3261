// `npm run bench`: the built sandbox (in memory, and with Redis state) against a bare Fastify serving
// the same bytes, same machine, same run. Cold start to /health, then rounds: in each round every
// workload runs once on every server, one after the other (the servers' order rotated each round), so
// drift in the machine's load hits them alike; each server's best req/s and least CPU per request over
// the rounds go in the table. Every answer's status is checked. Then Redis's memory per session, and
// the table is written to BENCHMARKS.md between <!-- bench:results:start/end -->.
// Exit code: 0 when every target is met and nothing failed, 1 otherwise.
//   BENCH_SECONDS (5)  BENCH_WARMUP_SECONDS (2, first round only)  BENCH_ROUNDS (3)  BENCH_CONNECTIONS (10)
//   BENCH_THREADS (2, wrk threads; the flow always runs one per connection)  BENCH_COLD_STARTS (5)
//   BENCH_CLIENT (wrk where installed, else autocannon)  BENCH_WRK (wrk binary)
//   BENCH_REDIS (1; 0 leaves Redis mode out)  BENCH_REDIS_SERVER (redis-server binary)
//   BENCH_REDIS_SESSIONS (5000, for the memory per session)
//   BENCH_WRITE (1; 0 prints the table without writing BENCHMARKS.md)
//   BENCH_NODE_FLAGS (npm start's): other node flags for the sandbox; the table is then printed, not written
//   BENCH_WORKLOADS (all): some of get,create,page,flow, for a quick look while profiling; the table is then printed, not written
import http from 'node:http'
import { rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import {
  CREATE_BODY, CREDENTIALS, JSON_HEADERS, cpuMs, createSession, envInt, fmt, intFmt, machine, procMb,
  redisServerVersion, request, requestJson, startRedis, startServer, writeSection
} from './lib.mjs'
import { clientLabel, loadClient, runLoad } from './load.mjs'

const SECONDS = envInt('BENCH_SECONDS', 5, 1, 600)
const WARMUP = envInt('BENCH_WARMUP_SECONDS', 2, 0, 60)
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 20)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000)
const THREADS = envInt('BENCH_THREADS', 2, 1, 64)
const COLD_STARTS = envInt('BENCH_COLD_STARTS', 5, 1, 20)
const REDIS_SESSIONS = envInt('BENCH_REDIS_SESSIONS', 5000, 100, 200_000)
const WANT_REDIS = envInt('BENCH_REDIS', 1, 0, 1) === 1
const ONLY = (process.env.BENCH_WORKLOADS ?? '').split(',').map(s => s.trim()).filter(s => s !== '')
const WRITE = envInt('BENCH_WRITE', 1, 0, 1) === 1 && process.env.BENCH_NODE_FLAGS === undefined && ONLY.length === 0
const TARGETS = {
  getRatio: 0.9, postRatio: 0.7, flowRatio: 0.5, // memory mode ÷ bare Fastify, req/s
  redisGetRatio: 0.4, redisPostRatio: 0.3, // Redis mode ÷ memory mode, req/s
  p99Ms: 5, rssMb: 150,
  // The sandbox's own start-up on top of Node's and Fastify's (bare Fastify's start-up alone varies
  // from 0.35 to 0.8 s on the 2-core VM, so an absolute figure says more about the machine).
  coldStartOverBareMs: 1000
}
const REDIS_PREFIX = 'ekyc-bench:'

const log = (...args) => console.error('[bench]', ...args)
const started = performance.now()
const env = machine()
const client = loadClient()
const redisVersion = WANT_REDIS ? redisServerVersion() : null
const redisSkipped = !WANT_REDIS
  ? 'Redis mode left out (BENCH_REDIS=0)'
  : redisVersion === null ? `Redis mode skipped: ${process.env.BENCH_REDIS_SERVER || 'redis-server'} is not installed (apt-get install -y redis-server)` : null
log(`client: ${clientLabel(client)}; redis-server: ${redisVersion ?? redisSkipped}`)

/** A finished pass-scenario session: the record a merchant reads after the flow (ocr and face results filled). */
async function completeSession (url, token, agent = false) {
  const res = await request({
    method: 'POST',
    url: `${url}/_sandbox/verifications/${token}/complete`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'pass' }),
    agent
  })
  if (res.status !== 200) throw new Error(`complete answered ${res.status}: ${res.body.slice(0, 300)}`)
  return token
}
const completedSession = async url => await completeSession(url, await createSession(url))

// The workloads: each gives the request spec (bench/load.mjs) for one server, and the statuses it expects.
const ALL_WORKLOADS = [
  {
    name: 'GET record',
    key: 'get',
    expected: [200],
    async spec (server) {
      const token = server.key === 'bare' ? 'X'.repeat(30) : await completedSession(server.url)
      return { path: `/api/ekyc/verifications/${token}`, headers: CREDENTIALS }
    }
  },
  {
    name: 'POST create',
    key: 'create',
    expected: [200],
    async spec () {
      return { path: '/api/ekyc/verifications', method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY }
    }
  },
  {
    name: 'hosted page',
    key: 'page',
    expected: [200],
    async spec (server) {
      const token = server.key === 'bare' ? 'X'.repeat(30) : await createSession(server.url)
      return { path: `/verifications?token=${token}` }
    }
  },
  {
    // One flow = 3 requests: create, open the page with ?scenario=pass (303), read the record.
    name: 'flow (3 req)',
    key: 'flow',
    expected: [200, 303],
    async spec () {
      return { flow: { createHeaders: JSON_HEADERS, createBody: CREATE_BODY, recordHeaders: CREDENTIALS } }
    }
  }
]
const unknown = ONLY.filter(key => !ALL_WORKLOADS.some(w => w.key === key))
if (unknown.length > 0) throw new Error(`BENCH_WORKLOADS: no workload ${unknown.join(', ')} (there are ${ALL_WORKLOADS.map(w => w.key).join(', ')})`)
const WORKLOADS = ALL_WORKLOADS.filter(w => ONLY.length === 0 || ONLY.includes(w.key))

async function measure (server, workload, warmup) {
  const spec = await workload.spec(server)
  const load = { url: server.url, spec, expected: workload.expected, connections: CONNECTIONS, threads: THREADS }
  if (warmup > 0) await runLoad(client, { ...load, seconds: warmup })
  // The server's CPU time per request: far less sensitive to a busy machine than req/s. In Redis
  // mode, redis-server's own CPU time is counted apart.
  const cpuBefore = cpuMs(server.pid)
  const redisBefore = server.redisPid === undefined ? null : cpuMs(server.redisPid)
  const result = await runLoad(client, { ...load, seconds: SECONDS })
  const cpuAfter = cpuMs(server.pid)
  const redisAfter = server.redisPid === undefined ? null : cpuMs(server.redisPid)
  const perReq = (before, after) => (before === null || after === null || result.total === 0 ? null : ((after - before) * 1000) / result.total)
  return {
    ...result,
    rssMb: procMb(server.pid),
    cpuUsPerReq: perReq(cpuBefore, cpuAfter),
    redisCpuUsPerReq: server.redisPid === undefined ? null : perReq(redisBefore, redisAfter)
  }
}

let redis = null
const stopsRedis = []
try {
  if (redisSkipped === null) {
    redis = await startRedis()
    log(`redis-server ${redisVersion} on ${redis.url} (pid ${redis.pid})`)
  }

  // 1. Cold start: spawn → first 200 from /health, best of a few (memory mode, Redis mode and bare
  // Fastify in turn).
  log(`cold start x${COLD_STARTS}`)
  const cold = { memory: [], redis: [], bare: [] }
  for (let i = 0; i < COLD_STARTS; i++) {
    const b = await startServer({ kind: 'bare' })
    cold.bare.push({ ms: b.readyMs })
    await b.stop()
    const s = await startServer({ kind: 'sandbox' })
    cold.memory.push({ ms: s.readyMs, rssMb: procMb(s.pid) })
    await s.stop()
    if (redis !== null) {
      const r = await startServer({ kind: 'sandbox', env: { REDIS_URL: redis.url, REDIS_PREFIX: 'ekyc-bench-cold:' } })
      cold.redis.push({ ms: r.readyMs, rssMb: procMb(r.pid) })
      await r.stop()
    }
  }
  const best = list => (list.length === 0 ? null : Math.min(...list.map(c => c.ms)))
  const bareColdMs = best(cold.bare)
  const median = list => (list.length === 0 ? null : list.map(c => c.ms).sort((a, b) => a - b)[Math.floor(list.length / 2)])
  const idleRss = Math.min(...cold.memory.map(c => c.rssMb ?? Infinity))

  // 2. The servers; the bare one serves the sandbox's own bytes.
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
  rmSync(bodiesFile, { force: true })
  const sizes = {}
  for (const [name, res] of [['create', await requestJson({ method: 'POST', url: `${bare.url}/api/ekyc/verifications`, headers: JSON_HEADERS, body: CREATE_BODY })],
    ['record', await request({ url: `${bare.url}/api/ekyc/verifications/X` })], ['page', await request({ url: `${bare.url}/verifications?token=X` })]]) {
    sizes[name] = { sandbox: Buffer.byteLength(bodies[name]), bare: res.buffer.length }
    if (sizes[name].sandbox !== sizes[name].bare) throw new Error(`bare ${name} body is ${sizes[name].bare} bytes, sandbox's ${sizes[name].sandbox}`)
  }
  log('body bytes', JSON.stringify(sizes))
  let redisSandbox = null
  if (redis !== null) {
    redisSandbox = await startServer({ kind: 'sandbox', env: { REDIS_URL: redis.url, REDIS_PREFIX } })
    const health = (await requestJson({ url: `${redisSandbox.url}/health` })).json
    if (health?.state !== 'redis') throw new Error(`the Redis-mode sandbox's /health says ${JSON.stringify(health)}, expected state "redis"`)
  }
  const memoryHealth = (await requestJson({ url: `${sandbox.url}/health` })).json
  if (memoryHealth?.state !== undefined && memoryHealth.state !== 'memory') throw new Error(`the sandbox's /health says ${JSON.stringify(memoryHealth)}, expected state "memory"`)

  const SERVERS = [
    { key: 'memory', label: 'sandbox', proc: sandbox },
    ...(redisSandbox === null ? [] : [{ key: 'redis', label: 'sandbox (Redis)', proc: redisSandbox, redisPid: redis.pid }]),
    { key: 'bare', label: 'bare Fastify', proc: bare }
  ].map(s => ({ ...s, url: s.proc.url, pid: s.proc.pid }))

  // 3. The rounds: each workload on each server in turn, the servers' order rotated every round.
  const runs = {} // runs[workload][server] = [measurement per round]
  for (const workload of WORKLOADS) runs[workload.key] = Object.fromEntries(SERVERS.map(s => [s.key, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length])
    const warmup = round === 0 ? WARMUP : 0
    for (const workload of WORKLOADS) {
      for (const server of order) {
        log(`round ${round + 1}/${ROUNDS}: ${workload.name} on ${server.label}: ${warmup > 0 ? `${warmup}s warm-up + ` : ''}${SECONDS}s, ${CONNECTIONS} connections`)
        const m = await measure(server, workload, warmup)
        runs[workload.key][server.key].push(m)
        const bad = m.errors + m.unexpected
        log(`  ${intFmt(m.rps)} req/s, p99 ${fmt(m.p99Ms, 2)} ms, ${fmt(m.cpuUsPerReq, 0)} CPU µs/req${m.redisCpuUsPerReq === null ? '' : ` + ${fmt(m.redisCpuUsPerReq, 0)} Redis`}${bad > 0 ? `, ${bad} BAD ${JSON.stringify(m.counts)} ${JSON.stringify(m.errorDetail ?? {})}` : ''}`)
      }
    }
  }

  // 4. Memory after the run; Redis's memory per session; then a graceful stop of everything.
  const rssAfter = procMb(sandbox.pid)
  const rssPeak = procMb(sandbox.pid, 'VmHWM')
  const redisRssAfter = redisSandbox === null ? null : procMb(redisSandbox.pid)
  const redisServerRss = redis === null ? null : procMb(redis.pid)
  const bareRssAfter = procMb(bare.pid)
  const health = (await requestJson({ url: `${sandbox.url}/health` })).json
  const redisHealth = redisSandbox === null ? null : (await requestJson({ url: `${redisSandbox.url}/health` })).json
  const redisMemory = redis === null ? null : await redisMemoryPerSession()
  const stops = {
    sandbox: await sandbox.stop(),
    redis: redisSandbox === null ? null : await redisSandbox.stop(),
    bare: await bare.stop()
  }
  if (redis !== null) stopsRedis.push(await redis.stop())
  const totalSeconds = (performance.now() - started) / 1000
  const end = machine()

  // 5. The table and the targets.
  const summary = {} // summary[workload][server]
  for (const workload of WORKLOADS) {
    summary[workload.key] = {}
    for (const server of SERVERS) {
      const list = runs[workload.key][server.key]
      const fastest = list.reduce((a, b) => (b.rps > a.rps ? b : a))
      const cpu = (m) => (m.cpuUsPerReq ?? Infinity) + (m.redisCpuUsPerReq ?? 0)
      const cheapest = list.reduce((a, b) => (cpu(b) < cpu(a) ? b : a))
      const counts = {}
      for (const m of list) for (const [s, n] of Object.entries(m.counts)) counts[s] = (counts[s] ?? 0) + n
      summary[workload.key][server.key] = {
        rps: fastest.rps,
        perRound: list.map(m => m.rps),
        p50Ms: fastest.p50Ms,
        p99Ms: fastest.p99Ms,
        cpuUsPerReq: cheapest.cpuUsPerReq,
        redisCpuUsPerReq: cheapest.redisCpuUsPerReq,
        rssMb: list.at(-1).rssMb,
        total: list.reduce((n, m) => n + m.total, 0),
        bad: list.reduce((n, m) => n + m.errors + m.unexpected, 0),
        counts
      }
    }
  }
  const latencyDigits = client.name === 'wrk' ? 2 : 0
  const kfmt = n => `${fmt(n / 1000, 1)}k`
  const rows = []
  for (const workload of WORKLOADS) {
    const r = summary[workload.key]
    for (const server of SERVERS) {
      const m = r[server.key]
      const vsBare = server.key === 'bare' ? '' : `${fmt(m.rps / r.bare.rps, 2)}×`
      const cpuVsBare = server.key === 'bare' ? '' : `${fmt(r.bare.cpuUsPerReq / m.cpuUsPerReq, 2)}×`
      const vsMemory = server.key === 'redis' ? `${fmt(m.rps / r.memory.rps, 2)}×` : ''
      const cpu = `${fmt(m.cpuUsPerReq, 0)}${m.redisCpuUsPerReq === null ? '' : ` + ${fmt(m.redisCpuUsPerReq, 0)} Redis`}`
      const bad = `${m.bad}${m.bad > 0 ? ' ' + JSON.stringify(m.counts) : ''}`
      rows.push(`| ${workload.name} | ${server.label} | ${intFmt(m.rps)} | ${m.perRound.map(kfmt).join(' / ')} | ${fmt(m.p50Ms, latencyDigits)} | ${fmt(m.p99Ms, latencyDigits)} | ${cpu} | ${fmt(m.rssMb, 0)} | ${vsBare} | ${cpuVsBare} | ${vsMemory} | ${intFmt(m.total)} | ${bad} |`)
    }
    if (redisSkipped !== null) rows.push(`| ${workload.name} | sandbox (Redis) | ${redisSkipped} | | | | | | | | | | |`)
  }

  if (ONLY.length > 0) {
    // A quick look while profiling: the rows, their ratios and the bad answers; no targets, nothing written.
    const bad = Object.values(summary).flatMap(r => Object.values(r)).reduce((n, m) => n + m.bad, 0)
    console.log(`| workload | server | req/s (best) | req/s by round | p50 ms | p99 ms | CPU µs/req (least) | RSS MB | ÷ bare req/s | bare CPU ÷ ours | ÷ memory req/s | requests | bad |\n${rows.join('\n')}`)
    log(`done in ${fmt(totalSeconds, 0)} s; BENCH_WORKLOADS=${ONLY.join(',')}, so no targets and BENCHMARKS.md is left as it is`)
    process.exit(bad > 0 ? 1 : 0)
  }
  const ratio = (key, server = 'memory', over = 'bare') => summary[key][server].rps / summary[key][over].rps
  const cpuRatio = key => summary[key].bare.cpuUsPerReq / summary[key].memory.cpuUsPerReq
  const check = ok => (ok ? 'PASS' : '**FAIL**')
  const SKIPPED = 'skipped'
  const allBad = Object.values(summary).flatMap(r => Object.values(r)).reduce((n, m) => n + m.bad, 0)
  const worstP99 = Math.max(summary.get.memory.p99Ms, summary.create.memory.p99Ms)
  const coldBest = best(cold.memory)
  const targets = [
    [`memory: GET record ≥ ${TARGETS.getRatio}× bare req/s`, `${fmt(ratio('get'), 2)}× (CPU per request ${fmt(cpuRatio('get'), 2)}×)`, check(ratio('get') >= TARGETS.getRatio)],
    [`memory: POST create ≥ ${TARGETS.postRatio}× bare req/s`, `${fmt(ratio('create'), 2)}× (CPU per request ${fmt(cpuRatio('create'), 2)}×)`, check(ratio('create') >= TARGETS.postRatio)],
    [`memory: flow ≥ ${TARGETS.flowRatio}× bare req/s`, `${fmt(ratio('flow'), 2)}× (CPU per request ${fmt(cpuRatio('flow'), 2)}×)`, check(ratio('flow') >= TARGETS.flowRatio)],
    ...(redisSandbox === null
      ? [[`Redis: GET record ≥ ${TARGETS.redisGetRatio}× memory req/s`, redisSkipped, SKIPPED], [`Redis: POST create ≥ ${TARGETS.redisPostRatio}× memory req/s`, redisSkipped, SKIPPED]]
      : [
          [`Redis: GET record ≥ ${TARGETS.redisGetRatio}× memory req/s`, `${fmt(ratio('get', 'redis', 'memory'), 2)}× (flow ${fmt(ratio('flow', 'redis', 'memory'), 2)}×, page ${fmt(ratio('page', 'redis', 'memory'), 2)}×)`, check(ratio('get', 'redis', 'memory') >= TARGETS.redisGetRatio)],
          [`Redis: POST create ≥ ${TARGETS.redisPostRatio}× memory req/s`, `${fmt(ratio('create', 'redis', 'memory'), 2)}×`, check(ratio('create', 'redis', 'memory') >= TARGETS.redisPostRatio)]
        ]),
    [`memory: p99 ≤ ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections (GET, POST)`, `${fmt(worstP99, latencyDigits)} ms (bare ${fmt(Math.max(summary.get.bare.p99Ms, summary.create.bare.p99Ms), latencyDigits)}; page ${fmt(summary.page.memory.p99Ms, latencyDigits)}, flow ${fmt(summary.flow.memory.p99Ms, latencyDigits)}${redisSandbox === null ? '' : `; Redis GET ${fmt(summary.get.redis.p99Ms, latencyDigits)}, POST ${fmt(summary.create.redis.p99Ms, latencyDigits)}`})`, check(worstP99 <= TARGETS.p99Ms)],
    [`cold start to /health ≤ bare Fastify's + ${TARGETS.coldStartOverBareMs} ms (best of ${COLD_STARTS} each)`, `${fmt(coldBest, 0)} ms (median ${fmt(median(cold.memory), 0)}; Redis mode ${redis === null ? 'n/a' : `${fmt(best(cold.redis), 0)}, median ${fmt(median(cold.redis), 0)}`}; bare ${fmt(bareColdMs, 0)})`, check(coldBest <= bareColdMs + TARGETS.coldStartOverBareMs)],
    [`memory: RSS after the run ≤ ${TARGETS.rssMb} MB`, `${fmt(rssAfter, 0)} MB (peak ${fmt(rssPeak, 0)}, idle ${fmt(idleRss, 0)}, bare ${fmt(bareRssAfter, 0)}; ${health?.sessions ?? '?'} sessions held)${redisSandbox === null ? '' : `; Redis mode ${fmt(redisRssAfter, 0)} MB (${redisHealth?.sessions ?? '?'} sessions in Redis; redis-server ${fmt(redisServerRss, 0)} MB)`}`, check(rssAfter !== null && rssAfter <= TARGETS.rssMb)],
    ['no errors, no unexpected statuses (every server, every run)', String(allBad), check(allBad === 0)],
    ['graceful SIGTERM exit 0', `sandbox ${JSON.stringify(stops.sandbox)}${stops.redis === null ? '' : `, Redis mode ${JSON.stringify(stops.redis)}`}`, check(stops.sandbox.code === 0 && (stops.redis === null || stops.redis.code === 0))]
  ]

  const redisLine = redisMemory === null
    ? `Redis memory per session: ${redisSkipped}.`
    : `**Redis memory per session** (\`INFO memory\` used_memory, one sandbox on its own prefix with MAX_VERIFICATIONS=${intFmt(redisMemory.max)} so nothing is evicted, after ${intFmt(redisMemory.warm)} creates that fill the journal ring): ` +
      `${intFmt(REDIS_SESSIONS)} created sessions ${fmt((redisMemory.b - redisMemory.a) / 2 ** 20, 1)} MB → **${intFmt(redisMemory.perCreated)} B a session**; ` +
      `${intFmt(REDIS_SESSIONS)} finished \`pass\` sessions (created, then \`POST /_sandbox/verifications/:token/complete {"scenario":"pass"}\`) ${fmt((redisMemory.c - redisMemory.b) / 2 ** 20, 1)} MB → **${intFmt(redisMemory.perFinished)} B a session** ` +
      `(used_memory ${fmt(redisMemory.a / 2 ** 20, 1)} → ${fmt(redisMemory.b / 2 ** 20, 1)} → ${fmt(redisMemory.c / 2 ** 20, 1)} MB; ${redisMemory.sessions} sessions under the prefix at the end). ` +
      `At the default MAX_VERIFICATIONS=10,000: about ${fmt(redisMemory.perFinished * 10_000 / 2 ** 20, 0)} MB of finished sessions.`

  const clientNote = client.name === 'wrk'
    ? ` with ${THREADS} thread${THREADS === 1 ? '' : 's'} (the flow: one thread per connection, a Lua state machine carrying the token), a Lua \`response()\` counting every status, a \`done()\` printing the percentiles as JSON`
    : ', in the bench\'s own process (every answer\'s status from its statusCodeStats)'
  const markdown = `
## Results (\`npm run bench\`)

${env.date} · commit ${env.commit} · Node ${env.node} · ${env.cores} cores (${env.cpu}, ${env.memGb} GB) · load average at the start ${env.load}, at the end ${end.load}
· client: ${clientLabel(client)}${clientNote} · redis-server ${redisVersion ?? 'not used'}
· ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}: each runs every workload on every server in turn (the servers' order rotated each round), ${SECONDS} s each, ${WARMUP > 0 ? `after a ${WARMUP} s warm-up in the first round` : 'no warm-up'} · ${CONNECTIONS} connections · pipelining 1
· sandbox: \`${process.execPath.split('/').pop()} ${sandboxEntryName(sandbox)}\`, LOG_LEVEL=silent, defaults otherwise${redisSandbox === null ? '' : `; sandbox (Redis): the same with REDIS_URL set to the bench's own \`redis-server --save '' --appendonly no\` on a free loopback port, REDIS_PREFIX=${REDIS_PREFIX}`}; bare: \`bench/bare.mjs\` (Fastify, same bytes: create ${sizes.create.bare} B, record ${sizes.record.bare} B, page ${sizes.page.bare} B) · whole run ${fmt(totalSeconds, 0)} s

| workload | server | req/s (best) | req/s by round | p50 ms | p99 ms | CPU µs/req (least) | RSS MB | ÷ bare req/s | bare CPU ÷ ours | ÷ memory req/s | requests | bad |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

req/s (best) is each server's best round; p50/p99 are that round's (${client.name === 'wrk' ? 'wrk\'s' : 'autocannon\'s, whole milliseconds'}). CPU µs/req is the server process's user+system CPU time (/proc/<pid>/stat) over the measured window divided by the requests answered, the least over the rounds; in Redis mode "+ n Redis" is redis-server's CPU per request in the same window. "bare CPU ÷ ours" is in the same direction as the req/s ratio (1.0× = as cheap as bare). On a busy machine trust the CPU column over req/s. "bad" counts connection errors, timeouts and answers with another status than expected, over all rounds.

GET record reads a finished \`pass\` session (OCR and face results filled). The flow is create → page \`?scenario=pass\` (303) → GET record; req/s counts all three (flows/s = req/s ÷ 3); the bare server answers the same three requests statically.

${redisLine}

| target | measured | |
|---|---|---|
${targets.map(t => `| ${t.join(' | ')} |`).join('\n')}
`
  console.log(markdown)
  if (WRITE) {
    writeSection('bench:results', markdown)
    log(`done in ${fmt(totalSeconds, 0)} s; table written to BENCHMARKS.md`)
  } else {
    log(`done in ${fmt(totalSeconds, 0)} s; ${process.env.BENCH_NODE_FLAGS === undefined ? 'BENCH_WRITE=0' : 'BENCH_NODE_FLAGS is set'}, so BENCHMARKS.md is left as it is`)
  }
  const failed = targets.filter(t => t[2] !== 'PASS' && t[2] !== SKIPPED)
  if (failed.length > 0) log(`${failed.length} target(s) missed: ${failed.map(t => t[0]).join('; ')}`)
  process.exitCode = failed.length > 0 ? 1 : 0
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  if (redis !== null && stopsRedis.length === 0) await redis.stop('SIGKILL')
}
process.exit(process.exitCode)

/**
 * Redis's memory per session: a sandbox of its own on another prefix (and MAX_VERIFICATIONS high
 * enough that nothing is evicted), 250 creates first so the journal ring (200 entries) is full,
 * then used_memory before and after REDIS_SESSIONS creates, and after REDIS_SESSIONS more that are
 * each finished with the pass scenario.
 */
async function redisMemoryPerSession () {
  const warm = 250
  const max = 2 * REDIS_SESSIONS + warm + 1000
  log(`Redis memory: ${REDIS_SESSIONS} created and ${REDIS_SESSIONS} finished sessions`)
  const server = await startServer({ kind: 'sandbox', env: { REDIS_URL: redis.url, REDIS_PREFIX: 'ekyc-bench-memory:', MAX_VERIFICATIONS: String(max) } })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
  try {
    const pool = async (n, task) => {
      let next = 0
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < n) { next++; await task() }
      }))
    }
    const create = () => createSession(server.url, {}, agent)
    const used = async () => Number((await redis.info('memory')).used_memory)
    await pool(warm, create)
    const a = await used()
    await pool(REDIS_SESSIONS, create)
    const b = await used()
    await pool(REDIS_SESSIONS, async () => completeSession(server.url, await create(), agent))
    const c = await used()
    const sessions = (await requestJson({ url: `${server.url}/health` })).json?.sessions
    if (sessions !== warm + 2 * REDIS_SESSIONS) throw new Error(`the memory sandbox holds ${sessions} sessions, expected ${warm + 2 * REDIS_SESSIONS}`)
    return { a, b, c, warm, max, sessions, perCreated: (b - a) / REDIS_SESSIONS, perFinished: (c - b) / REDIS_SESSIONS }
  } finally {
    agent.destroy()
    await server.stop()
  }
}

function sandboxEntryName (server) {
  return server.child.spawnargs.slice(1).join(' ').replace(/\/\S*\/(bench|dist)\//, '$1/')
}

// `npm run bench:headroom`: what a ratio to bare Fastify means on this machine. Bare Fastify
// (bench/bare.mjs) runs several times with BARE_WORK_US microseconds of busy work added to every
// answer, and each copy is measured like `npm run bench` measures the sandbox (same client, same
// connections, rounds with the servers' order rotated, best req/s and least CPU per request). The
// table shows, per workload, the req/s ratio each added amount of work scores and the server CPU it
// costs; then how much work a server may add above bare Fastify and still meet 0.9×, 0.7× and 0.5×.
// Written to BENCHMARKS.md between <!-- bench:headroom:start/end -->.
//   BENCH_HEADROOM_US (0,2,4,6,8,12,16,24)  BENCH_WORKLOADS (create,flow)  BENCH_SECONDS (4)
//   BENCH_ROUNDS (2)  BENCH_CONNECTIONS (10)  BENCH_THREADS (2)  BENCH_WRITE (1)
import { rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { CREATE_BODY, CREDENTIALS, JSON_HEADERS, cpuMs, envInt, fmt, intFmt, machine, startServer, writeSection } from './lib.mjs'
import { clientLabel, loadClient, runLoad } from './load.mjs'

const SECONDS = envInt('BENCH_SECONDS', 4, 1, 600)
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1, 20)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000)
const THREADS = envInt('BENCH_THREADS', 2, 1, 64)
const WRITE = envInt('BENCH_WRITE', 1, 0, 1) === 1
const WORK_US = (process.env.BENCH_HEADROOM_US ?? '0,2,4,6,8,12,16,24').split(',').map(Number)
if (WORK_US[0] !== 0 || WORK_US.some(n => !Number.isInteger(n) || n < 0 || n > 1000)) throw new Error('BENCH_HEADROOM_US: whole numbers of microseconds from 0 to 1000, starting with 0 (bare Fastify itself)')
const KEYS = (process.env.BENCH_WORKLOADS ?? 'create,flow').split(',').map(s => s.trim())
const TARGETS = [0.9, 0.7, 0.5]
const log = (...args) => console.error('[headroom]', ...args)

// Bodies of the sandbox's sizes (148 B create, 1095 B record), so the kernel moves as many bytes.
const token = 'V1StGXR8_Z5jdHi6B-myT'
const create = `{"status":200,"result":{"url":"http://127.0.0.1:3939/verifications?token=${token}","token":"${token}"}}`
const bodies = {
  create: create.padEnd(148, ' '),
  record: `{"status":200,"result":{"pad":"${'x'.repeat(1095 - 33)}"}}`,
  page: '<!doctype html>',
  redirect: 'https://merchant.example/ekyc/return?order=42&is_success=1'
}
const WORKLOADS = {
  create: { name: 'POST create', expected: [200], spec: { path: '/api/ekyc/verifications', method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY } },
  get: { name: 'GET record', expected: [200], spec: { path: `/api/ekyc/verifications/${token}`, headers: CREDENTIALS } },
  flow: { name: 'flow (3 req)', expected: [200, 303], spec: { flow: { createHeaders: JSON_HEADERS, createBody: CREATE_BODY, recordHeaders: CREDENTIALS } } }
}
const unknown = KEYS.filter(k => WORKLOADS[k] === undefined)
if (unknown.length > 0) throw new Error(`BENCH_WORKLOADS: no workload ${unknown.join(', ')} here (there are ${Object.keys(WORKLOADS).join(', ')})`)

/** The work w at which the ratio curve crosses `target`, by linear interpolation between measured points. */
function workAt (points, target) {
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]]
    if (a.ratio >= target && b.ratio < target) return a.work + (a.ratio - target) / (a.ratio - b.ratio) * (b.work - a.work)
  }
  return points.at(-1).ratio >= target ? Infinity : 0
}

const started = performance.now()
const env = machine()
const client = loadClient()
log(`client: ${clientLabel(client)}; work per answer: ${WORK_US.join(', ')} µs`)
const bodiesFile = join(os.tmpdir(), `ekyc-headroom-bodies-${process.pid}.json`)
writeFileSync(bodiesFile, JSON.stringify(bodies))
const servers = []
try {
  for (const work of WORK_US) servers.push({ work, proc: await startServer({ kind: 'bare', env: { BARE_BODIES_FILE: bodiesFile, BARE_WORK_US: String(work) } }) })
  const runs = Object.fromEntries(KEYS.map(k => [k, new Map(servers.map(s => [s.work, []]))]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = servers.map((_, i) => servers[(i + round) % servers.length])
    for (const key of KEYS) {
      const w = WORKLOADS[key]
      for (const s of order) {
        const load = { url: s.proc.url, spec: w.spec, expected: w.expected, connections: CONNECTIONS, threads: THREADS }
        if (round === 0) await runLoad(client, { ...load, seconds: 1 })
        const before = cpuMs(s.proc.pid)
        const m = await runLoad(client, { ...load, seconds: SECONDS })
        const cpu = (cpuMs(s.proc.pid) - before) * 1000 / m.total
        if (m.errors + m.unexpected > 0) throw new Error(`${w.name} on bare + ${s.work} µs: ${m.errors} errors, ${m.unexpected} unexpected ${JSON.stringify(m.counts)}`)
        runs[key].get(s.work).push({ rps: m.rps, cpu })
        log(`round ${round + 1}/${ROUNDS}: ${w.name}, bare + ${s.work} µs: ${intFmt(m.rps)} req/s, ${fmt(cpu, 1)} CPU µs/req`)
      }
    }
  }
  const end = machine()
  const sections = KEYS.map(key => {
    const points = servers.map(s => {
      const list = runs[key].get(s.work)
      return { work: s.work, rps: Math.max(...list.map(m => m.rps)), cpu: Math.min(...list.map(m => m.cpu)) }
    })
    const base = points[0]
    for (const p of points) p.ratio = p.rps / base.rps
    const rows = points.map(p => `| ${p.work} | ${intFmt(p.rps)} | ${fmt(p.ratio, 2)}× | ${fmt(p.cpu, 1)} | ${p.work === 0 ? '' : `+${fmt(p.cpu - base.cpu, 1)}`} | ${p.work === 0 ? '' : `${fmt((p.cpu - base.cpu) / p.work, 1)}×`} |`)
    const allowed = TARGETS.map(t => {
      const w = workAt(points, t)
      return `${t}×: ${w === Infinity ? `more than ${points.at(-1).work}` : fmt(w, 1)} µs`
    }).join(', ')
    return { key, text: `**${WORKLOADS[key].name}** (bare Fastify ${intFmt(base.rps)} req/s, ${fmt(base.cpu, 1)} CPU µs/req). Work a server may add per request and still score ${allowed}.\n\n| work added per answer (µs) | req/s (best) | ÷ bare | CPU µs/req (least) | CPU above bare | CPU above bare ÷ work |\n|---:|---:|---:|---:|---:|---:|\n${rows.join('\n')}` }
  })
  const markdown = `## What a ratio means on this machine (\`npm run bench:headroom\`)

${env.date} · commit ${env.commit} · Node ${env.node} · ${env.cores} cores (${env.cpu}, ${env.memGb} GB) · load average at the start ${env.load}, at the end ${end.load}
· client: ${clientLabel(client)}, ${THREADS} threads (the flow: one per connection), ${CONNECTIONS} connections · ${ROUNDS} rounds of ${SECONDS} s, the servers' order rotated · whole run ${fmt((performance.now() - started) / 1000, 0)} s

Bare Fastify (\`bench/bare.mjs\`) with \`BARE_WORK_US\` microseconds of busy work added to every answer, bodies of the sandbox's sizes. When the client and the server share two cores, a server that does more per request also leaves the client idle more often, and every answer then pays the kernel for waking it: each microsecond of work costs more than a microsecond of server CPU ("CPU above bare ÷ work"). So a ratio to bare Fastify is a budget of microseconds above the framework, and that budget depends on the machine.

${sections.map(s => s.text).join('\n\n')}`
  if (WRITE) {
    writeSection('bench:headroom', markdown)
    log('written to BENCHMARKS.md')
  } else {
    console.log(markdown)
  }
} finally {
  rmSync(bodiesFile, { force: true })
  for (const s of servers) await s.proc.stop()
}

// Shared helpers for the bench scripts: child servers, plain HTTP, RSS, autocannon, BENCHMARKS.md.
// Everything talks to 127.0.0.1 only, and every wait is bounded in time.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const HOST = '127.0.0.1'
export const CREDENTIALS = { client_id: 'bench-merchant', client_secret: 'sk_bench' }
export const CREATE_BODY = JSON.stringify({
  type: '00',
  id_country: 'MYS',
  id_type: 'ID_CARD',
  redirect_url: 'https://merchant.example/ekyc/return?order=42'
})
export const JSON_HEADERS = { 'content-type': 'application/json', ...CREDENTIALS }

/**
 * The node flags `npm start` (and the image) run the sandbox with: package.json's scripts.start is
 * `node FLAGS dist/cli.js`. The bench scripts start it the same way, so they measure what people run.
 */
export function startFlags () {
  // BENCH_NODE_FLAGS replaces them, to measure another choice: BENCH_NODE_FLAGS= (empty) is Node's defaults.
  const override = process.env.BENCH_NODE_FLAGS
  if (override !== undefined) return override.split(/\s+/).filter(Boolean)
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const match = /^node((?: --[\w-]+=\S+)*) dist\/cli\.js$/.exec(scripts.start)
  if (match === null) throw new Error(`package.json scripts.start is not "node [--flag=value ...] dist/cli.js": ${scripts.start}`)
  return match[1].trim().split(/\s+/).filter(Boolean)
}

/** The sandbox as people run it: dist/cli.js when it exists, else a two-line entry calling dist/server.js main(). */
export function sandboxEntry () {
  if (!existsSync(new URL('../dist/server.js', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` first')
  }
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
  return existsSync(cli) ? cli : fileURLToPath(new URL('./sandbox-server.mjs', import.meta.url))
}

export function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, HOST, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const children = new Set()
function killAll () {
  for (const child of children) {
    try { child.kill('SIGKILL') } catch {}
  }
}
process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { killAll(); process.exit(130) })
}

/**
 * Spawns a server child on a free port of 127.0.0.1 and waits (bounded) until GET /health answers 200.
 * kind: 'sandbox' (the built server) or 'bare' (bench/bare.mjs).
 */
export async function startServer ({ kind = 'sandbox', env = {}, nodeArgs = [], timeoutMs = 10_000 } = {}) {
  const port = await freePort()
  const script = kind === 'bare' ? fileURLToPath(new URL('./bare.mjs', import.meta.url)) : sandboxEntry()
  // The bare baseline runs on Node's defaults: what plain Fastify costs.
  const flags = kind === 'bare' ? [] : startFlags()
  const started = performance.now()
  const child = spawn(process.execPath, [...flags, ...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.add(child)
  let output = ''
  const keep = chunk => { output = (output + chunk).slice(-4000) }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise(resolve => {
    child.once('exit', (code, signal) => { children.delete(child); resolve({ code, signal }) })
  })
  let exitInfo = null
  exited.then(info => { exitInfo = info })

  const url = `http://${HOST}:${port}`
  const deadline = started + timeoutMs
  let readyMs = null
  while (performance.now() < deadline && exitInfo === null) {
    try {
      const res = await request({ url: `${url}/health`, timeoutMs: 1000 })
      if (res.status === 200) { readyMs = performance.now() - started; break }
    } catch {}
    await sleep(5)
  }
  if (readyMs === null) {
    child.kill('SIGKILL')
    await exited
    throw new Error(`${kind} server did not answer /health within ${timeoutMs} ms (exit: ${JSON.stringify(exitInfo)}): ${output}`)
  }
  return {
    kind,
    child,
    spawnedAt: started,
    pid: child.pid,
    port,
    url,
    readyMs,
    exited,
    output: () => output,
    /** Sends a signal and waits (bounded) for the exit; SIGKILL after the bound. */
    async stop (signal = 'SIGTERM', boundMs = 15_000) {
      if (exitInfo !== null) return exitInfo
      child.kill(signal)
      const timer = sleep(boundMs, 'timeout')
      const result = await Promise.race([exited, timer])
      if (result === 'timeout') {
        child.kill('SIGKILL')
        return { ...(await exited), timedOut: true }
      }
      return result
    }
  }
}

/** A field of /proc/<pid>/status in MB (VmRSS now, VmHWM peak); null when unreadable (not Linux, exited). */
export function procMb (pid, field = 'VmRSS') {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))
    return match === null ? null : Number(match[1]) / 1024
  } catch {
    return null
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; null when unreadable. */
export function cpuMs (pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return null
  }
}
const CLOCK_TICKS = 100 // sysconf(_SC_CLK_TCK) on Linux

/** One plain HTTP request (no keep-alive) with a bounded wait. */
export function request ({ method = 'GET', url, headers = {}, body, timeoutMs = 10_000, agent = false }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, timeout: timeoutMs }, res => {
      const chunks = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () => {
        const buffer = Buffer.concat(chunks)
        resolve({ status: res.statusCode, headers: res.headers, buffer, body: buffer.toString('utf8') })
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)))
    req.on('error', reject)
    req.end(body)
  })
}

export async function requestJson (options) {
  const res = await request(options)
  let json = null
  try { json = JSON.parse(res.body) } catch {}
  return { ...res, json }
}

/** Creates a session through the API; returns its token. */
export async function createSession (url, headers = {}) {
  const res = await requestJson({ method: 'POST', url: `${url}/api/ekyc/verifications`, headers: { ...JSON_HEADERS, ...headers }, body: CREATE_BODY })
  if (res.status !== 200) throw new Error(`create answered ${res.status}: ${res.body.slice(0, 300)}`)
  return res.json.result.token
}

/** autocannon as a promise, no progress bar. */
export function cannon (options) {
  return autocannon({ connections: 10, duration: 10, timeout: 10, ...options })
}

/** Status counts of an autocannon result as { '200': n, ... }. */
export function statusCounts (result) {
  const counts = {}
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) counts[status] = Number(count)
  return counts
}

/** Replaces (or appends) the block between <!-- name:start --> and <!-- name:end --> in BENCHMARKS.md. */
export function writeSection (name, markdown) {
  const file = new URL('../BENCHMARKS.md', import.meta.url)
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  text = from !== -1 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(file, text)
}

export function machine () {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    load: os.loadavg().map(n => n.toFixed(2)).join(' ')
  }
}

export const fmt = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : Number(n).toFixed(digits))
export const intFmt = n => (n === null || n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'))
export function envInt (name, fallback, min, max) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  return n
}

// Shared helpers for the bench scripts: child servers (and redis-server), plain HTTP, RSS, autocannon,
// BENCHMARKS.md. Everything talks to 127.0.0.1 only, and every wait is bounded in time.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import { join } from 'node:path'
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

/** Ports the fetch standard (Node's fetch, browsers) refuses to connect to: never handed out here. */
export const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080
])

/** A free port of 127.0.0.1 (one fetch() would also connect to). */
export async function freePort () {
  for (;;) {
    const port = await anyFreePort()
    if (!FETCH_BAD_PORTS.has(port)) return port
  }
}

function anyFreePort () {
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
/** Registers a child process to be SIGKILLed if this process exits (or is interrupted) first. */
export function track (child) {
  children.add(child)
  child.once('exit', () => children.delete(child))
  child.once('error', () => children.delete(child))
  return child
}
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
  const url = `http://${HOST}:${port}`
  const proc = await startProcess({
    name: `${kind} server`,
    command: process.execPath,
    args: [...flags, ...nodeArgs, script],
    env: { ...process.env, ...env, PORT: String(port), HOST, LOG_LEVEL: 'silent' },
    timeoutMs,
    ready: async () => (await request({ url: `${url}/health`, timeoutMs: 1000 })).status === 200
  })
  return { kind, port, url, ...proc }
}

/**
 * Spawns any child (tracked: killed if this process exits first) and polls `ready()` every `pollMs`
 * until it resolves true, at most `timeoutMs` from the spawn. `readyMs` is spawn → first true.
 * A ready() that throws counts as not ready yet.
 */
export async function startProcess ({ name, command, args = [], env = process.env, cwd = ROOT, ready, timeoutMs = 10_000, pollMs = 5 }) {
  const started = performance.now()
  const child = track(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }))
  let output = ''
  const keep = chunk => { output = (output + chunk).slice(-4000) }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise(resolve => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    // A command that cannot be spawned (ENOENT) emits 'error' and may never emit 'exit'.
    child.once('error', error => resolve({ code: null, signal: null, error: error.message }))
  })
  let exitInfo = null
  exited.then(info => { exitInfo = info })

  const deadline = started + timeoutMs
  let readyMs = null
  while (performance.now() < deadline && exitInfo === null) {
    try {
      if (await ready()) { readyMs = performance.now() - started; break }
    } catch {}
    await sleep(pollMs)
  }
  if (readyMs === null) {
    child.kill('SIGKILL')
    await Promise.race([exited, sleep(5000)])
    throw new Error(`${name} was not ready within ${timeoutMs} ms (exit: ${JSON.stringify(exitInfo)}): ${output}`)
  }
  return {
    child,
    spawnedAt: started,
    pid: child.pid,
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

/** The redis-server binary: BENCH_REDIS_SERVER, else `redis-server` on PATH. */
export const REDIS_SERVER = process.env.BENCH_REDIS_SERVER || 'redis-server'

/** `redis-server --version` as "7.0.15", or null when redis-server is not installed. */
export function redisServerVersion () {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8', timeout: 5000 })
  if (probe.error !== undefined || probe.status !== 0) return null
  return /v=(\S+)/.exec(probe.stdout)?.[1] ?? probe.stdout.trim()
}

/** Answers once 127.0.0.1:port replies +PONG to PING. */
function answersPing (port) {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: HOST })
    let data = ''
    const done = ok => { socket.destroy(); resolve(ok) }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.on('data', chunk => {
      data += chunk.toString('latin1')
      if (data.includes('\r\n')) done(data.startsWith('+PONG'))
    })
    socket.once('connect', () => socket.write('PING\r\n'))
  })
}

/**
 * The bench's own redis-server on a free loopback port, nothing on disk
 * (`--save '' --appendonly no`, its --dir a temporary folder removed at stop).
 * Returns { pid, port, url, info(section), stop() }; info() uses ioredis (a dependency of the sandbox).
 */
export async function startRedis ({ timeoutMs = 10_000 } = {}) {
  const dir = mkdtempSync(join(os.tmpdir(), 'ekyc-bench-redis-'))
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    let proc
    try {
      proc = await startProcess({
        name: `redis-server on port ${port}`,
        command: REDIS_SERVER,
        args: ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir],
        timeoutMs,
        pollMs: 20,
        ready: () => answersPing(port)
      })
    } catch (err) {
      // The port can be taken between freePort and redis-server binding it: try another one.
      if (attempt < 5 && /Address already in use/.test(String(err))) continue
      rmSync(dir, { recursive: true, force: true })
      throw err
    }
    const url = `redis://${HOST}:${port}/0`
    let client = null
    return {
      ...proc,
      port,
      url,
      /** INFO <section> as { field: value }. */
      async info (section) {
        if (client === null) {
          const { Redis } = await import('ioredis')
          client = new Redis(url, { maxRetriesPerRequest: 1 })
          client.on('error', () => {})
        }
        const fields = {}
        for (const line of (await client.info(section)).split('\r\n')) {
          const at = line.indexOf(':')
          if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1)
        }
        return fields
      },
      async stop (signal = 'SIGTERM', boundMs = 10_000) {
        client?.disconnect()
        const result = await proc.stop(signal, boundMs)
        rmSync(dir, { recursive: true, force: true })
        return result
      }
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

/** Creates a session through the API; returns its token. `agent`: an http.Agent to reuse connections (default: none). */
export async function createSession (url, headers = {}, agent = false) {
  const res = await requestJson({ method: 'POST', url: `${url}/api/ekyc/verifications`, headers: { ...JSON_HEADERS, ...headers }, body: CREATE_BODY, agent })
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
    commit: commit(),
    node: process.version,
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    load: os.loadavg().map(n => n.toFixed(2)).join(' ')
  }
}

/** `git rev-parse --short HEAD`, with "+uncommitted changes" when the work tree differs from it; 'unknown' outside git. */
export function commit () {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', timeout: 5000 })
  if (head.error !== undefined || head.status !== 0) return 'unknown'
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 })
  const dirty = status.status === 0 && status.stdout.trim() !== ''
  return head.stdout.trim() + (dirty ? ' + uncommitted changes' : '')
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

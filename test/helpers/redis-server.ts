// Real redis-server processes for the Redis tests (test/redis/): each on a free loopback port,
// killed when the test ends. No Redis installed is a failure naming how to install it, never a
// skip: these tests are the only proof that replicas share one sandbox.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { RedisState } from '../../src/state/redis.js'
import { freePort } from '../../src/server.js'

interface Teardown { teardown: (fn: () => unknown) => void }

export const REDIS_MISSING = 'redis-server is not installed: apt-get install -y redis-server'

/** Ports the fetch standard (Node's fetch, browsers) refuses to connect to. */
export const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080
])

/** A free port of 127.0.0.1 that fetch() will also connect to. */
export async function freeLoopbackPort (): Promise<number> {
  for (;;) {
    const port = await freePort('127.0.0.1')
    if (!FETCH_BAD_PORTS.has(port)) return port
  }
}

let installed: boolean | undefined

/** Fails (never skips) when redis-server is missing. */
export function assertRedisInstalled (): void {
  installed ??= spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined
  if (!installed) throw new Error(REDIS_MISSING)
}

export interface RedisServer {
  /** redis://[:password@]127.0.0.1:port/0 */
  url: string
  port: number
  password: string | null
  /** Stops it (SIGTERM, as `redis-cli shutdown` would) and waits until it has exited. */
  stop: () => Promise<void>
  /** Starts it again on the same port (and data directory) and waits until it answers PING. */
  start: () => Promise<void>
  /** SIGKILL, waits until it has exited. */
  kill: () => Promise<void>
  /** SIGSTOP: it keeps its connections open but answers nothing (a frozen host, a partition). */
  pause: () => void
  /** SIGCONT after pause(). */
  resume: () => void
  /** Everything redis-server has logged, for failure messages. */
  log: () => string
}

export interface RedisServerOptions {
  password?: string
  /**
   * Keep the data across stop()/start() (an append-only file, fsync on every write, in a
   * temporary directory). Off by default: `--save '' --appendonly no`, nothing on disk.
   */
  persist?: boolean
}

/** Answers once `port` replies to PING (+PONG, or -NOAUTH when a password is required). */
async function answersPing (port: number): Promise<boolean> {
  return await new Promise(resolve => {
    const socket = connect({ port, host: '127.0.0.1' })
    let data = ''
    const done = (ok: boolean): void => { socket.destroy(); resolve(ok) }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.on('data', chunk => {
      data += chunk.toString('latin1')
      if (data.includes('\r\n')) done(data.startsWith('+PONG') || data.startsWith('-NOAUTH'))
    })
    socket.once('connect', () => socket.write('PING\r\n'))
  })
}

/**
 * The redis-servers this process started and has not seen exit. A test process that is killed (a
 * tap timeout, Stryker stopping a file at its first failure) runs no teardown: they are killed as
 * it exits, or hundreds would outlive a mutation run.
 */
const alive = new Set<ChildProcess>()
let reaping = false
function killServersOnExit (): void {
  if (reaping) return
  reaping = true
  process.on('exit', () => { for (const proc of alive) proc.kill('SIGKILL') })
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => process.exit(128 + constants.signals[signal]))
  }
}

/** Starts a redis-server on a free loopback port, killed when `t` ends. */
export async function startRedis (t: Teardown, options: RedisServerOptions = {}): Promise<RedisServer> {
  assertRedisInstalled()
  const password = options.password ?? null
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-redis-'))
  let port = 0
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let output = ''

  const args = (): string[] => [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir,
    ...(options.persist === true ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    ...(password === null ? [] : ['--requirepass', password])
  ]

  async function launch (): Promise<void> {
    killServersOnExit()
    const proc = spawn('redis-server', args(), { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    alive.add(proc)
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
    let gone = false
    exited = new Promise<void>(resolve => {
      proc.once('exit', () => { gone = true; alive.delete(proc); resolve() })
      proc.once('error', err => { output += `${String(err)}\n`; gone = true; resolve() })
    })
    const deadline = Date.now() + 10_000
    while (!await answersPing(port)) {
      if (gone) throw new Error(`redis-server on port ${port} exited at start-up: ${output.slice(-2000)}`)
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${output.slice(-2000)}`)
      await new Promise(resolve => setTimeout(resolve, 20))
    }
  }

  async function end (signal: NodeJS.Signals): Promise<void> {
    const proc = child
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return
    // A paused server (pause()) must run again to act on SIGTERM.
    proc.kill('SIGCONT')
    proc.kill(signal)
    await exited
  }

  t.teardown(async () => {
    await end('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  // The port can be taken between freePort and redis-server binding it: try another one.
  for (let attempt = 1; ; attempt++) {
    port = await freeLoopbackPort()
    try {
      await launch()
      break
    } catch (err) {
      await end('SIGKILL')
      if (attempt >= 5 || !/Address already in use|exited at start-up/.test(String(err))) throw err
    }
  }

  const auth = password === null ? '' : `:${encodeURIComponent(password)}@`
  return {
    url: `redis://${auth}127.0.0.1:${port}/0`,
    port,
    password,
    stop: async () => { await end('SIGTERM') },
    start: async () => {
      if (child !== undefined && child.exitCode === null && child.signalCode === null) throw new Error('redis-server is still running')
      await launch()
    },
    kill: async () => { await end('SIGKILL') },
    pause: () => { child?.kill('SIGSTOP') },
    resume: () => { child?.kill('SIGCONT') },
    log: () => output
  }
}

/** An ioredis client of the test's own (to look at keys), closed when the test ends. */
export function redisClient (t: Teardown, url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false })
  redis.on('error', () => {})
  t.teardown(() => { redis.disconnect() })
  return redis
}

/** Every key under `prefix` (SCAN, never KEYS), sorted. */
export async function keysUnder (redis: Redis, prefix: string): Promise<string[]> {
  const pattern = prefix.replace(/[*?[\]\\]/g, c => `\\${c}`) + '*'
  const found: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
    found.push(...keys)
    cursor = next
  } while (cursor !== '0')
  return found.sort()
}

/** Polls `check` until it returns a value other than undefined, at most `timeoutMs`. */
export async function eventually<T> (what: string, check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last === undefined ? '' : ` (last error: ${String(last)})`}`)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

/** A key prefix no other test uses. */
export function uniquePrefix (name = 'redis-test'): string {
  return `${name}:${randomUUID()}:`
}

/**
 * One sandbox replica on `url` and `prefix` (buildApp, in this process, on the real clock),
 * closed when the test ends unless closed first.
 */
export async function buildReplica (t: Teardown, url: string, prefix: string, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', REDIS_URL: url, REDIS_PREFIX: prefix, ...env }))
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** The Redis backend itself, connected in this process under a prefix of its own, closed when the test ends. */
export async function connectBackend (t: Teardown, url: string): Promise<RedisState> {
  const state = await RedisState.connect({ url, prefix: uniquePrefix('backend'), keepMs: 3_600_000 })
  t.teardown(async () => { await state.close(); state.client.disconnect() })
  return state
}

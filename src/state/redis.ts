import { Redis } from 'ioredis'
import type { Verification } from '../domain/verification.js'
import { ApiError } from '../errors.js'
import type { Scenario } from '../schemas/scenario.js'
import * as scripts from './redis-scripts.js'
import { redactRedisUrl } from './redis-url.js'
import { WriteBatch } from './write-batch.js'
import { MAX_JOURNAL, type ArmChoice, type CallQuestion, type CallStart, type Fault, type JournalEntry, type RouteName, type SandboxState, type SessionDraft, type StoredArm } from './state.js'

export interface RedisStateOptions {
  url: string
  /** Every key starts with it (REDIS_PREFIX, default `ekyc-sandbox:`). */
  prefix: string
  /** How long a session, a bound secret or a waiting arm or fault is kept untouched (key TTL), ms. */
  keepMs: number
}

type Commands = Redis & {
  [K in keyof typeof scripts as Lowercase<K>]: (...args: Array<string | number>) => Promise<unknown>
}

/** Start-up could not use Redis: the message names REDIS_URL, never its password. */
export class RedisStartError extends Error {
  constructor (message: string) {
    super(`REDIS_URL: ${message}`)
    this.name = 'RedisStartError'
  }
}

/** Whatever Redis says while it is away becomes a 503 in the envelope; nothing was half-written. */
function unavailable (err: unknown): never {
  const error = new ApiError('SERVICE_UNAVAILABLE', 'The sandbox\'s state store (Redis) is unavailable; try again shortly.')
  ;(error as { cause?: unknown }).cause = err
  throw error
}

const isString = (x: unknown): x is string => typeof x === 'string'

/** A call Redis has not answered in this long is a 503 (/health included). */
const COMMAND_TIMEOUT_MS = 2000

/** Sessions remembered as parsed objects (a power of two). */
const RECENT_SLOTS = 1024

// Stryker disable BlockStatement,ConditionalExpression,EqualityOperator,ArithmeticOperator: another slot, or one for every token, only parses again (a hit needs the same token and bytes); `>=` loops only on an empty token, which no route lets through
/** A token's slot: a cheap hash of its characters (tokens are random, any mix will do). */
function slotOf (token: string): number {
  let h = 0
  for (let i = 0; i < token.length; i++) h = (h * 31 + token.charCodeAt(i)) | 0
  return h & (RECENT_SLOTS - 1)
}
// Stryker restore BlockStatement,ConditionalExpression,EqualityOperator,ArithmeticOperator

/**
 * The state in Redis: every replica pointed at the same Redis and prefix is one sandbox, and a
 * restart serves every session it held. Each method is one script or one command: one round trip.
 */
export class RedisState implements SandboxState {
  readonly backend = 'redis'
  readonly #redis: Commands
  readonly #p: string
  readonly #keepMs: number
  /** The exact JSON each session object was read or written as: what a replace compares with. */
  readonly #raw = new WeakMap<Verification, string>()
  /** The sessions read last, by a slot of their token: bounded whatever Redis holds. */
  // Stryker disable next-line ArrayDeclaration: the size only preallocates
  readonly #recent: Array<{ raw: string, v: Verification } | undefined> = new Array(RECENT_SLOTS)
  /** Journal entries waiting for the end of this turn of the event loop: one script writes them all. */
  readonly #entries = new WriteBatch<string>(
    async entries => await this.#run(() => this.#redis.record(1, this.#key('journal'), MAX_JOURNAL, ...entries)),
    MAX_JOURNAL)

  private constructor (redis: Redis, options: RedisStateOptions) {
    this.#redis = redis as Commands
    this.#p = options.prefix
    this.#keepMs = options.keepMs
    for (const [name, lua] of Object.entries(scripts)) {
      // Key counts vary with the call for some scripts, so every one is given explicitly.
      redis.defineCommand(name.toLowerCase(), { lua })
    }
  }

  /** Connects, or fails naming REDIS_URL (without the password): unreachable, refused, wrong password. */
  static async connect (options: RedisStateOptions): Promise<RedisState> {
    // Stryker disable next-line BooleanLiteral: at start-up connect() rejects at the first failure whatever the retry strategy says, and the catch disconnects before any retry
    let started = false
    const redis = new Redis(options.url, {
      lazyConnect: true,
      // While Redis is away, calls fail at once (a 503) rather than queue up behind it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      // No auto-pipelining: with it, while Redis is frozen each batch waited for the one before to
      // time out, so calls queued up behind each other instead of answering 503 in two seconds.
      enableAutoPipelining: false,
      // A frozen Redis (a paused VM, a partition) keeps the connection "ready": bound every call.
      commandTimeout: COMMAND_TIMEOUT_MS,
      // At start-up one try; once running, reconnect for ever, backing off to one second.
      retryStrategy: times => started ? Math.min(times * 100, 1000) : null
    })
    let lastError: Error | undefined
    redis.on('error', (err: Error) => { lastError = err })
    try {
      await redis.connect()
      await redis.ping()
      // ioredis reports a refused SELECT (a database number past Redis's `databases`) only as an
      // event: check it, or every key would land in database 0.
      const db = new URL(options.url).pathname.replace(/^\//, '')
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: connecting already selects the URL's database and the check below reports a refusal in the same words; without one, SELECT 0 is the default
      if (db !== '') await redis.select(Number(db))
      if (lastError !== undefined) throw lastError
    } catch (err) {
      redis.disconnect()
      throw new RedisStartError(startProblem(options.url, lastError ?? err as Error))
    }
    started = true
    return new RedisState(redis, options)
  }

  /** The ioredis client, for @fastify/rate-limit's Redis store. */
  get client (): Redis {
    return this.#redis
  }

  #key (...parts: string[]): string {
    return this.#p + parts.join(':')
  }

  #armQueue (clientId: string | null): string {
    return clientId === null ? this.#key('arms', 'any') : this.#key('arms', 'client', clientId)
  }

  #faultQueue (clientId: string | null): string {
    return clientId === null ? this.#key('faults', 'any') : this.#key('faults', 'client', clientId)
  }

  #scopeOf (queue: string, kind: 'arms' | 'faults'): string | null {
    const any = this.#key(kind, 'any')
    return queue === any ? null : queue.slice(this.#key(kind, 'client', '').length)
  }

  /** A stored session, or undefined for anything else under the prefix (another program's key). */
  #parse (raw: unknown, token?: string): Verification | undefined {
    if (!isString(raw)) return undefined
    // A session read again unchanged (a merchant polling its GET) is the same object as last time:
    // no JSON.parse, and the GET's record cache, keyed by the object, serves its JSON as in memory.
    // Tokens share slots: the same bytes under another token (a copy another program made) are
    // not that token's session.
    // Stryker disable next-line UnaryOperator: a list's parses cached in slot 1 instead: a hit still needs the same token and bytes
    const slot = token === undefined ? -1 : slotOf(token)
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: no lookup, or one at index -1 (never written), is a miss: the same bytes parsed again
    const seen = slot === -1 ? undefined : this.#recent[slot]
    if (seen !== undefined && seen.raw === raw && seen.v.token === token) return seen.v
    let v: Verification
    try {
      // Stryker disable BlockStatement: the catch emptied leaves `v` undefined, which the shape check below refuses
      v = JSON.parse(raw)
    } catch {
      // Stryker restore BlockStatement
      return undefined
    }
    if (typeof v !== 'object' || v === null || typeof v.id !== 'number' || typeof v.token !== 'string' ||
      (token !== undefined && v.token !== token) || typeof v.clientId !== 'string' || typeof v.outcome !== 'object') return undefined
    this.#raw.set(v, raw)
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator,ObjectLiteral: an entry not written, empty, or at index -1 (never read) only makes the next read parse again
    if (slot !== -1) this.#recent[slot] = { raw, v }
    return v
  }

  async #run<T> (call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (err) {
      return unavailable(err)
    }
  }

  async begin (call: CallQuestion): Promise<CallStart> {
    // Stryker disable next-line StringLiteral: the bare prefix stands for "no such key" as well: nothing writes it either
    const none = this.#key('none')
    const bind = call.clientId !== null && call.secret !== null
    const answer = await this.#run(() => this.#redis.begin(7,
      this.#key('clock'),
      this.#faultQueue(null),
      call.clientId === null ? none : this.#faultQueue(call.clientId),
      this.#armQueue(null),
      call.clientId === null ? none : this.#armQueue(call.clientId),
      bind ? this.#key('secret', call.clientId as string) : none,
      call.token === null ? none : this.#key('session', call.token),
      bind ? call.secret as string : '',
      this.#keepMs
    )) as [string, number, number, number, string, string | null]
    return {
      clockOffsetMs: Number(answer[0]),
      anyFaults: answer[1] === 1,
      clientFaults: answer[2] === 1,
      arms: answer[3] > 0,
      secret: answer[4] === '' ? null : answer[4] as CallStart['secret'],
      session: call.token === null ? undefined : this.#parse(answer[5], call.token)
    }
  }

  async clockOffset (): Promise<number> {
    return Number(await this.#run(() => this.#redis.get(this.#key('clock'))) ?? 0)
  }

  async setClockOffset (ms: number): Promise<void> {
    await this.#run(async () => ms === 0 ? await this.#redis.del(this.#key('clock')) : await this.#redis.set(this.#key('clock'), String(ms)))
  }

  async shiftClockOffset (ms: number): Promise<number> {
    return await this.#run(() => this.#redis.incrby(this.#key('clock'), Math.round(ms)))
  }

  async createSession (draft: SessionDraft, choice: ArmChoice): Promise<Verification | 'taken'> {
    const rest = JSON.stringify(draft).slice(1)
    const raw = await this.#run(() => this.#redis.create(8,
      this.#key('seq'), this.#key('sessions'), this.#key('holders'), this.#key('order'),
      this.#key('session', draft.token), this.#key('client', draft.clientId, 'sessions'),
      this.#armQueue(draft.clientId), this.#armQueue(null),
      draft.token, draft.clientId, rest, JSON.stringify(choice.armed), choice.takeArm ? '1' : '0', choice.kind,
      choice.maxVerifications, choice.keepMs, this.#p
    ))
    if (raw === null) return 'taken'
    return this.#parse(raw, draft.token) as Verification
  }

  async session (token: string): Promise<Verification | undefined> {
    const raw = await this.#run(() => this.#redis.get(this.#key('session', token)).catch((err: Error) => {
      if (err.message.startsWith('WRONGTYPE')) return null
      throw err
    }))
    return this.#parse(raw, token)
  }

  async replaceSession (prev: Verification, next: Verification): Promise<boolean> {
    const before = this.#raw.get(prev) ?? JSON.stringify(prev)
    const after = JSON.stringify(next)
    const written = await this.#run(() => this.#redis.replace(1, this.#key('session', prev.token), before, after))
    if (written !== 1) return false
    this.#raw.set(next, after)
    this.#recent[slotOf(next.token)] = { raw: after, v: next }
    return true
  }

  async sessions (clientId: string | undefined, limit: number): Promise<Verification[]> {
    const index = clientId === undefined ? this.#key('sessions') : this.#key('client', clientId, 'sessions')
    const raws = await this.#run(() => this.#redis.list(1, index, Number.isFinite(limit) ? limit : -1, this.#p)) as string[]
    return raws.map(raw => this.#parse(raw)).filter((v): v is Verification => v !== undefined)
  }

  async sessionCount (): Promise<number> {
    return await this.#run(() => this.#redis.zcard(this.#key('sessions')))
  }

  async clearSessions (clientId?: string): Promise<number> {
    return await this.#run(() => this.#redis.clear_sessions(3,
      this.#key('sessions'), this.#key('holders'), clientId === undefined ? this.#key('none') : this.#key('client', clientId, 'sessions'),
      clientId ?? '', this.#p)) as number
  }

  async pushArm (arm: StoredArm, cap: number): Promise<boolean> {
    const pushed = await this.#run(() => this.#redis.push(3, this.#armQueue(arm.clientId), this.#key('arms', 'queues'), this.#key('qseq'),
      cap, arm.remaining, arm.fits.join(','), JSON.stringify(arm.scenario), this.#keepMs))
    return pushed === 1
  }

  async #queues (kind: 'arms' | 'faults'): Promise<Array<{ seq: number, remaining: number, tag: string, json: string, scope: string | null }>> {
    const queues = await this.#run(() => this.#redis.smembers(this.#key(kind, 'queues')))
    if (queues.length === 0) return []
    const lists = await this.#run(() => Promise.all(queues.map(queue => this.#redis.lrange(queue, 0, -1))))
    const entries = []
    for (let i = 0; i < queues.length; i++) {
      for (const entry of lists[i]) {
        const match = /^(\d+):(\d+):([^:]*):(.*)$/s.exec(entry)
        if (match === null) continue
        entries.push({ seq: Number(match[1]), remaining: Number(match[2]), tag: match[3], json: match[4], scope: this.#scopeOf(queues[i], kind) })
      }
    }
    return entries.sort((a, b) => a.seq - b.seq)
  }

  async arms (): Promise<StoredArm[]> {
    return (await this.#queues('arms')).map(e => ({
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,ArrayDeclaration: nothing reads a listed arm's fits (GET /_sandbox/arm shows scenario, client and uses; a create matches the stored tag in its script)
      scenario: JSON.parse(e.json) as Scenario, clientId: e.scope, remaining: e.remaining, fits: e.tag === '' ? [] : e.tag.split(',')
    }))
  }

  async clearArms (clientId?: string): Promise<number> {
    return await this.#run(() => this.#redis.clear_queues(2, this.#key('arms', 'queues'), clientId === undefined ? '' : this.#armQueue(clientId))) as number
  }

  async pushFault (fault: Fault, cap: number): Promise<boolean> {
    const json = JSON.stringify({ status: fault.status, latencyMs: fault.latencyMs })
    const pushed = await this.#run(() => this.#redis.push(3, this.#faultQueue(fault.clientId), this.#key('faults', 'queues'), this.#key('qseq'),
      cap, fault.remaining, fault.route, json, this.#keepMs))
    return pushed === 1
  }

  #fault (route: RouteName, clientId: string | null, json: string, remaining: number): Fault {
    const { status, latencyMs } = JSON.parse(json) as Pick<Fault, 'status' | 'latencyMs'>
    return { route, status, latencyMs, clientId, remaining }
  }

  async faults (): Promise<Fault[]> {
    return (await this.#queues('faults')).map(e => this.#fault(e.tag as RouteName, e.scope, e.json, e.remaining))
  }

  async takeFault (route: RouteName, clientId: string | null): Promise<Fault | undefined> {
    const taken = await this.#run(() => this.#redis.take_fault(1, this.#faultQueue(clientId), route)) as [string, number] | null
    return taken === null ? undefined : this.#fault(route, clientId, taken[0], taken[1])
  }

  async clearFaults (clientId?: string): Promise<number> {
    return await this.#run(() => this.#redis.clear_queues(2, this.#key('faults', 'queues'), clientId === undefined ? '' : this.#faultQueue(clientId))) as number
  }

  async record (entry: JournalEntry): Promise<void> {
    await this.#entries.add(JSON.stringify(entry))
  }

  async journal (clientId: string | undefined, limit: number): Promise<JournalEntry[]> {
    // Stryker disable next-line ArithmeticOperator: every write trims the journal to MAX_JOURNAL entries, so nothing lies past MAX_JOURNAL - 1
    const raws = await this.#run(() => this.#redis.lrange(this.#key('journal'), 0, MAX_JOURNAL - 1))
    const found: JournalEntry[] = []
    for (const raw of raws) {
      if (found.length >= limit) break
      const entry = JSON.parse(raw) as JournalEntry
      if (clientId === undefined || entry.clientId === clientId) found.push(entry)
    }
    return found
  }

  async clearJournal (clientId?: string): Promise<number> {
    return await this.#run(() => this.#redis.clear_journal(1, this.#key('journal'), clientId ?? '')) as number
  }

  async forgetSecrets (clientId?: string): Promise<number> {
    if (clientId !== undefined) return await this.#run(() => this.#redis.del(this.#key('secret', clientId)))
    const pattern = this.#key('secret', '').replace(/[*?[\]\\]/g, c => `\\${c}`) + '*'
    let n = 0
    // Stryker disable next-line StringLiteral: Redis reads an empty SCAN cursor as 0
    let cursor = '0'
    do {
      const [next, keys] = await this.#run(() => this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000))
      if (keys.length > 0) n += await this.#run(() => this.#redis.del(...keys))
      cursor = next
    } while (cursor !== '0')
    return n
  }

  async healthy (): Promise<boolean> {
    if (this.#redis.status !== 'ready') return false
    try {
      return await this.#redis.ping() === 'PONG'
    } catch {
      return false
    }
  }

  async close (): Promise<void> {
    this.#entries.flush()
    try {
      await this.#redis.quit()
    } catch {
      this.#redis.disconnect()
    }
  }
}

function startProblem (url: string, err: Error): string {
  const where = redactRedisUrl(url)
  const message = err.message
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
    return `Redis at ${where} refused the credentials (wrong password or user): ${message.replace(/\s+$/, '')}`
  }
  return `cannot use Redis at ${where}: ${message}`
}

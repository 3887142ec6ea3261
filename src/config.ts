import { fileURLToPath } from 'node:url'
import { redisUrlProblem } from './state/redis-url.js'

export interface ClientCredential {
  clientId: string
  clientSecret: string
  organisationId: number | null
}

export interface Config {
  port: number
  host: string
  publicUrl: string
  logLevel: string
  /** Strict mode when set: only these pairs are accepted. Open mode (any pair) when null. */
  clients: ClientCredential[] | null
  tokenTtlSeconds: number
  retentionSeconds: number
  maxVerifications: number
  facePassThreshold: number
  defaultScenario: string | null
  seed: string | null
  adminToken: string | null
  rateLimitPerMinute: number | null
  scenariosDir: string
  /** A request must arrive in full (headers and body) within this, or it gets a 408 and is closed. */
  requestTimeoutSeconds: number
  /** Open connections at once; past it new ones are refused (closed) until some end. */
  maxConnections: number
  /** On SIGTERM/SIGINT, in-flight requests get this long to finish before they are cut off. */
  shutdownGraceSeconds: number
  /** State in Redis (replicas share it, restarts keep it) when set; in this process's memory when null. */
  redisUrl: string | null
  /** Every Redis key starts with it, so one Redis can hold several sandboxes. */
  redisPrefix: string
}

export class ConfigError extends Error {
  constructor (readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url))
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

type Env = Record<string, string | undefined>

/** Reads the configuration from environment variables; every variable has a useful default. */
export function loadConfig (env: Env = {}): Config {
  const value = (name: string): string | undefined => {
    const raw = env[name]
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim()
  }
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name)
    if (raw === undefined) return fallback
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`)
    const n = Number(raw)
    if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`)
    return n
  }

  const port = int('PORT', 3939, 0, 65535)
  const publicUrl = value('PUBLIC_URL') ?? `http://localhost:${port}`
  if (!isHttpUrl(publicUrl)) throw new ConfigError('PUBLIC_URL', `must be an absolute http(s) URL, got "${publicUrl}"`)
  const logLevel = value('LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)
  const threshold = value('FACE_PASS_THRESHOLD')
  const facePassThreshold = threshold === undefined ? 70 : Number(threshold)
  if (threshold !== undefined && (!/^\d+(\.\d+)?$/.test(threshold) || facePassThreshold > 100)) {
    throw new ConfigError('FACE_PASS_THRESHOLD', `must be a number from 0 to 100, got "${threshold}"`)
  }
  const rateLimit = value('RATE_LIMIT_PER_MINUTE')
  const defaultScenario = value('DEFAULT_SCENARIO') ?? null
  if (defaultScenario !== null && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(defaultScenario)) {
    throw new ConfigError('DEFAULT_SCENARIO', `must be a scenario name (kebab-case), got "${defaultScenario}"`)
  }

  const redisUrl = value('REDIS_URL') ?? null
  const redisProblem = redisUrl === null ? null : redisUrlProblem(redisUrl)
  if (redisProblem !== null) throw new ConfigError('REDIS_URL', redisProblem)
  const redisPrefix = env.REDIS_PREFIX ?? 'ekyc-sandbox:'
  if (!/^[\x21-\x7e]{1,100}$/.test(redisPrefix)) {
    throw new ConfigError('REDIS_PREFIX', `must be 1 to 100 visible ASCII characters without spaces, got "${redisPrefix.slice(0, 120)}"`)
  }

  return {
    port,
    host: value('HOST') ?? '127.0.0.1',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    logLevel,
    clients: parseClients(value('EKYC_CLIENTS')),
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 900, 1, 31_536_000),
    retentionSeconds: int('RETENTION_SECONDS', 86_400, 1, 315_360_000),
    maxVerifications: int('MAX_VERIFICATIONS', 10_000, 1, 1_000_000),
    facePassThreshold,
    defaultScenario,
    seed: env.SANDBOX_SEED === undefined || env.SANDBOX_SEED === '' ? null : env.SANDBOX_SEED,
    adminToken: value('SANDBOX_ADMIN_TOKEN') ?? null,
    rateLimitPerMinute: rateLimit === undefined ? null : int('RATE_LIMIT_PER_MINUTE', 0, 1, 1_000_000),
    scenariosDir: value('SCENARIOS_DIR') ?? DEFAULT_SCENARIOS_DIR,
    requestTimeoutSeconds: int('REQUEST_TIMEOUT_SECONDS', 10, 1, 3600),
    maxConnections: int('MAX_CONNECTIONS', 1000, 1, 1_000_000),
    shutdownGraceSeconds: int('SHUTDOWN_GRACE_SECONDS', 8, 1, 3600),
    redisUrl,
    redisPrefix
  }
}

/** `client_id:client_secret[:organisation_id]`, comma-separated. */
function parseClients (raw: string | undefined): ClientCredential[] | null {
  if (raw === undefined) return null
  return raw.split(',').map(entry => entry.trim()).filter(Boolean).map(entry => {
    const [clientId, clientSecret, org, ...rest] = entry.split(':')
    if (!clientId || !clientSecret || rest.length > 0 || (org !== undefined && !/^[1-9]\d{0,9}$/.test(org))) {
      throw new ConfigError('EKYC_CLIENTS', `each entry must be client_id:client_secret[:organisation_id], got "${entry}"`)
    }
    return { clientId, clientSecret, organisationId: org === undefined ? null : Number(org) }
  })
}

/** An http(s) scheme as written first: nothing before it the URL parser would strip (spaces, controls, tabs). */
const HTTP_SCHEME = /^https?:/i

export function isHttpUrl (text: string): boolean {
  // Nearly every redirect_url of a create. The URL parser refuses an http(s) URL without a host, so
  // for these whether it parses is the answer, found without building a URL object (the create's
  // costliest step after storing the session).
  if (HTTP_SCHEME.test(text)) return URL.canParse(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

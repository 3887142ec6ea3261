// The package's in-process entry: `import { startSandbox } from 'maschain-ekyc-sandbox'` in a test suite.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance, HTTPMethods } from 'fastify'
import type { Static } from 'typebox'
import { ConfigError, loadConfig, type Config } from './config.js'
import type { ErrorEnvelope } from './errors.js'
import type { ArmView, Cleared, ClockView, SandboxVerification } from './schemas/sandbox.js'
import type { ScenarioBody } from './schemas/scenario.js'
import type { CreateVerificationResponse, GetVerificationResponse } from './schemas/api.js'
import { listenOnPort } from './server.js'

export { buildApp, type AppDeps } from './app.js'
export { ConfigError, loadConfig, type ClientCredential, type Config } from './config.js'
export type { ErrorEnvelope } from './errors.js'
export type { VerificationRecord } from './domain/verification.js'
export type { FaceAttempt, OcrAttempt, VerificationType } from './domain/attempts.js'
export type { FaceCode } from './domain/face-codes.js'
export type { OcrCode } from './domain/ocr-codes.js'
export type { IdType } from './domain/documents.js'
export type { Scenario, ScenarioBody, ScenarioGroup } from './schemas/scenario.js'

/** `POST /api/ekyc/verifications` answers this. */
export type CreateVerificationResult = Static<typeof CreateVerificationResponse>
/** `GET /api/ekyc/verifications/:token` answers this (`result` is the record). */
export type GetVerificationResult = Static<typeof GetVerificationResponse>
/** A session as the control plane shows it: sandbox state around the real `record`. */
export type SandboxVerificationView = Static<typeof SandboxVerification>
export type ArmResult = Static<typeof ArmView>
export type ClockState = Static<typeof ClockView>
export type ResetResult = Static<typeof Cleared>
/** What `complete()` accepts besides a catalogue name: a scenario written inline, every field optional. */
export type InlineScenario = Omit<ScenarioBody, 'name'>

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/** The configuration variables as camelCase options; anything left out keeps its default. */
export interface StartSandboxOptions {
  /** Default 0: a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Base of `result.url`; default: the address it listens on (`url`). */
  publicUrl?: string
  /** Default 'silent'. */
  logLevel?: LogLevel
  /** Strict mode: only these credentials are accepted (EKYC_CLIENTS). Default: any pair. */
  clients?: Array<{ clientId: string, clientSecret: string, organisationId?: number }>
  tokenTtlSeconds?: number
  retentionSeconds?: number
  maxVerifications?: number
  facePassThreshold?: number
  /** Every new session is armed with this scenario (DEFAULT_SCENARIO). */
  defaultScenario?: string
  /** Makes tokens and identities repeatable (SANDBOX_SEED). */
  seed?: string
  /** Guards /_sandbox (SANDBOX_ADMIN_TOKEN); the handle sends it for you. */
  adminToken?: string
  rateLimitPerMinute?: number
  /** A folder of scenario files replacing the built-in catalogue (SCENARIOS_DIR). */
  scenariosDir?: string
  /** A stalled request gets a 408 after this (REQUEST_TIMEOUT_SECONDS, default 10). */
  requestTimeoutSeconds?: number
  /** Open connections at once (MAX_CONNECTIONS, default 1000). */
  maxConnections?: number
  /** Keep the state in Redis (REDIS_URL): sandboxes on the same Redis and prefix are one sandbox. */
  redisUrl?: string
  /** Prefix of every Redis key (REDIS_PREFIX, default `ekyc-sandbox:`). */
  redisPrefix?: string
}

export interface Sandbox {
  /** Where this process reaches the sandbox, e.g. `http://127.0.0.1:53121`: use it as API_URL. */
  url: string
  /** Base of the hosted page links in `result.url` (equals `url` unless `publicUrl` was given). */
  publicUrl: string
  port: number
  config: Config
  /** The Fastify instance, for `app.inject()`. */
  app: FastifyInstance
  /** Closes the server; safe to call more than once. */
  stop: () => Promise<void>
  /** Arms the next `count` (default 1) sessions, of `clientId` or of anyone, with a catalogue scenario. */
  arm: (scenario: string, options?: { clientId?: string, count?: number }) => Promise<ArmResult>
  /** Finishes a session without the page: a catalogue scenario name or an inline scenario. */
  complete: (token: string, scenario: string | InlineScenario) => Promise<SandboxVerificationView>
  /** Lets the link expire now. */
  expire: (token: string) => Promise<SandboxVerificationView>
  /** A session as the control plane shows it (any client's). */
  verification: (token: string) => Promise<SandboxVerificationView>
  /** Moves the sandbox clock (negative moves it back). */
  advanceClock: (seconds: number) => Promise<ClockState>
  setClock: (instant: string | Date) => Promise<ClockState>
  resetClock: () => Promise<ClockState>
  /** Forgets sessions, arms, faults, the journal and bound secrets (only `clientId`'s when given); the clock stays. */
  reset: (options?: { clientId?: string }) => Promise<ResetResult>
}

/** A control-plane call answered with an error; `status` and `body` are what it answered. */
export class SandboxControlError extends Error {
  constructor (readonly method: string, readonly path: string, readonly status: number, readonly body: unknown) {
    const envelope = body as Partial<ErrorEnvelope> | undefined
    const detail = typeof envelope?.message === 'string' ? envelope.message : String(body)
    const fields = envelope?.errors === undefined ? '' : ` ${JSON.stringify(envelope.errors)}`
    super(`sandbox ${method} ${path} answered ${status}: ${detail}${fields}`)
    this.name = 'SandboxControlError'
  }
}

const VARIABLES = {
  port: 'PORT',
  host: 'HOST',
  publicUrl: 'PUBLIC_URL',
  logLevel: 'LOG_LEVEL',
  clients: 'EKYC_CLIENTS',
  tokenTtlSeconds: 'TOKEN_TTL_SECONDS',
  retentionSeconds: 'RETENTION_SECONDS',
  maxVerifications: 'MAX_VERIFICATIONS',
  facePassThreshold: 'FACE_PASS_THRESHOLD',
  defaultScenario: 'DEFAULT_SCENARIO',
  seed: 'SANDBOX_SEED',
  adminToken: 'SANDBOX_ADMIN_TOKEN',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  scenariosDir: 'SCENARIOS_DIR',
  requestTimeoutSeconds: 'REQUEST_TIMEOUT_SECONDS',
  maxConnections: 'MAX_CONNECTIONS',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'REDIS_PREFIX'
} as const satisfies Record<keyof StartSandboxOptions, string>
type Option = keyof typeof VARIABLES

/**
 * Starts a sandbox in this process, listening on a free port of 127.0.0.1 unless told otherwise.
 * Options go through the same validation as the environment variables (never read here), and an
 * option it does not know is an error naming it, as a misspelt variable cannot be.
 */
export async function startSandbox (options: StartSandboxOptions = {}): Promise<Sandbox> {
  const unknown = Object.keys(options).filter(option => !Object.hasOwn(VARIABLES, option))
  if (unknown.length > 0) {
    throw new ConfigError('startSandbox options', `unknown option${unknown.length === 1 ? '' : 's'} ${unknown.map(o => `"${o}"`).join(', ')} (known: ${Object.keys(VARIABLES).join(', ')})`)
  }
  const host = options.host ?? '127.0.0.1'
  try {
    const app = await listenOnPort(options.port ?? 0, host, port =>
      configFrom(options, { port, host, publicUrl: options.publicUrl ?? reachableUrl(host, port) }), { handleSignals: false })
    return sandboxHandle(app)
  } catch (err) {
    throw asOptionError(err)
  }
}

function configFrom (options: StartSandboxOptions, overrides: { port: number, host: string, publicUrl: string }): Config {
  const env: Record<string, string> = { LOG_LEVEL: 'silent' }
  for (const option of Object.keys(VARIABLES) as Option[]) {
    const value = option in overrides ? overrides[option as keyof typeof overrides] : options[option]
    if (value === undefined) continue
    env[VARIABLES[option]] = option === 'clients' ? clientsVariable(options.clients ?? []) : String(value)
  }
  return loadConfig(env)
}

/** A configuration error names the option the caller wrote, not the variable it maps to. */
function asOptionError (err: unknown): unknown {
  if (!(err instanceof ConfigError)) return err
  const option = (Object.keys(VARIABLES) as Option[]).find(o => VARIABLES[o] === err.variable)
  return option === undefined ? err : new ConfigError(`startSandbox option ${option}`, err.message.slice(err.variable.length + 2))
}

function clientsVariable (clients: NonNullable<StartSandboxOptions['clients']>): string {
  return clients.map(({ clientId, clientSecret, organisationId }) => {
    if (/[:,]/.test(clientId + clientSecret)) throw new ConfigError('startSandbox option clients', `a clientId or clientSecret cannot contain ":" or "," (got "${clientId}")`)
    return [clientId, clientSecret, ...(organisationId === undefined ? [] : [organisationId])].join(':')
  }).join(',')
}

function sandboxHandle (app: FastifyInstance): Sandbox {
  const { port } = app.server.address() as AddressInfo
  const config = app.config
  const headers: Record<string, string> = config.adminToken === null ? {} : { 'x-sandbox-admin-token': config.adminToken }
  let stopped: Promise<void> | undefined

  // Every handle method is one control-plane call, the same route a CI job would use over HTTP.
  async function control<T> (method: HTTPMethods, path: string, body?: object): Promise<T> {
    const res = await app.inject({ method, url: `/_sandbox${path}`, headers, ...(body === undefined ? {} : { payload: body }) })
    let json: { result?: T } | undefined
    try { json = res.json() } catch { json = undefined }
    if (res.statusCode < 200 || res.statusCode > 299 || json === undefined) {
      throw new SandboxControlError(method, `/_sandbox${path}`, res.statusCode, json ?? res.body)
    }
    return json.result as T
  }
  const tokenPath = (token: string): string => `/verifications/${encodeURIComponent(token)}`
  const clientQuery = (clientId?: string): string => clientId === undefined ? '' : `?client_id=${encodeURIComponent(clientId)}`

  return {
    url: reachableUrl(config.host, port),
    publicUrl: config.publicUrl,
    port,
    config,
    app,
    stop: () => (stopped ??= app.close()),
    arm: (scenario, { clientId, count } = {}) => control('POST', '/arm', { scenario, client_id: clientId, count }),
    complete: (token, scenario) => control('POST', `${tokenPath(token)}/complete`, typeof scenario === 'string' ? { scenario } : scenario),
    expire: token => control('POST', `${tokenPath(token)}/expire`),
    verification: token => control('GET', tokenPath(token)),
    advanceClock: seconds => control('POST', '/clock', { advance_seconds: seconds }),
    setClock: instant => control('POST', '/clock', { set: instant instanceof Date ? instant.toISOString() : instant }),
    resetClock: () => control('POST', '/clock', { reset: true }),
    reset: ({ clientId } = {}) => control('DELETE', `/state${clientQuery(clientId)}`)
  }
}

/** The URL this machine reaches a server listening on `host` by: a wildcard becomes loopback. */
function reachableUrl (host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`
}

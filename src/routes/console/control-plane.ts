import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Static } from 'typebox'
import type { ErrorEnvelope } from '../../errors.js'
import type { ArmView, CatalogueEntry, ClockView, FaultView, JournalEntry, SandboxVerification } from '../../schemas/sandbox.js'

export type SessionView = Static<typeof SandboxVerification>
export type ArmEntry = Static<typeof ArmView>
export type FaultEntry = Static<typeof FaultView>
export type ClockState = Static<typeof ClockView>
export type JournalRow = Static<typeof JournalEntry>
export type ScenarioEntry = Static<typeof CatalogueEntry>

/** What a call answered: its result, or the error envelope exactly as the API sent it. */
export type Answer<T> = { ok: true, result: T } | { ok: false, status: number, error: ErrorEnvelope }

/**
 * The secret the console sends for a client_id: in strict mode the one EKYC_CLIENTS lists, in
 * open mode one fixed secret, so every console session of a client_id uses the same one.
 */
export const CONSOLE_SECRET = 'qa-console'

type Method = 'GET' | 'POST' | 'DELETE'
type Query = Record<string, string | undefined>

function withQuery (path: string, query: Query): string {
  const pairs = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)
  return pairs.length === 0 ? path : `${path}?${new URLSearchParams(pairs).toString()}`
}

function envelope (status: number, body: string): ErrorEnvelope {
  try {
    const parsed = JSON.parse(body) as Partial<ErrorEnvelope>
    if (typeof parsed.message === 'string') return { status, message: parsed.message, ...(parsed.errors === undefined ? {} : { errors: parsed.errors }) }
  } catch {}
  // The rate limit answers its text alone, as production does.
  // Stryker disable next-line StringLiteral,MethodExpression: no control-plane or API answer has a blank, whitespace-only or over-500-character non-JSON body
  return { status, message: body.trim() === '' ? `HTTP ${status}` : body.slice(0, 500) }
}

/**
 * The console's only way to read or change the sandbox: the control plane and the emulated API,
 * called in-process through `inject`, so the console runs the very code (validation, guard,
 * journal, faults) a curl call runs, and never a second implementation.
 */
export class ControlPlane {
  constructor (private readonly app: FastifyInstance) {}

  async #call<T> (options: InjectOptions): Promise<Answer<T>> {
    const res = await this.app.inject(options)
    if (res.statusCode === 200) return { ok: true, result: (res.json() as { result: T }).result }
    return { ok: false, status: res.statusCode, error: envelope(res.statusCode, res.body) }
  }

  /** A /_sandbox call, with the admin token when one is set. Only defined query values are sent. */
  sandbox<T> (method: Method, path: string, payload?: object, query: Query = {}): Promise<Answer<T>> {
    const admin = this.app.config.adminToken
    const options: InjectOptions = { method, url: withQuery(`/_sandbox${path}`, query), headers: admin === null ? {} : { 'x-sandbox-admin-token': admin } }
    if (payload !== undefined) options.payload = payload
    return this.#call<T>(options)
  }

  secretFor (clientId: string): string {
    return this.app.config.clients?.find(c => c.clientId === clientId)?.clientSecret ?? CONSOLE_SECRET
  }

  #credentials (clientId: string): Record<string, string> {
    return { client_id: clientId, client_secret: this.secretFor(clientId) }
  }

  /** POST /api/ekyc/verifications as the client's backend would send it. */
  create (clientId: string, body: Record<string, string>): Promise<Answer<{ url: string, token: string }>> {
    return this.#call({ method: 'POST', url: '/api/ekyc/verifications', headers: this.#credentials(clientId), payload: body })
  }

  /** GET /api/ekyc/verifications/:token as the client's backend would send it. */
  record (clientId: string, token: string): Promise<Answer<Record<string, unknown>>> {
    return this.#call({ method: 'GET', url: `/api/ekyc/verifications/${encodeURIComponent(token)}`, headers: this.#credentials(clientId) })
  }

  /** Total sessions held (from /health, which never lists them). */
  async sessionCount (): Promise<number> {
    return (await this.app.inject({ method: 'GET', url: '/health' })).json<{ sessions: number }>().sessions
  }
}

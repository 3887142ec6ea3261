import type { FastifyReply, FastifyRequest } from 'fastify'
import { CONSOLE_HEADERS, type PageContext } from '../../html/console/layout.js'
import type { Answer, ControlPlane } from './control-plane.js'
import { ConsoleError, type ConsoleGuard } from './guard.js'

/** What every console route gets: the control plane, the guard, and how to answer with a page. */
export interface ConsoleKit {
  control: ControlPlane
  guard: ConsoleGuard
  page: (request: FastifyRequest) => PageContext
}

/** Console pages are never part of the API: Swagger leaves them out. */
export const HIDDEN = { schema: { hide: true } }

export function sendPage (reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).headers(CONSOLE_HEADERS).send(page)
}

/** A form's or query's fields as strings: the first value of a repeated one, trimmed. */
export function formValues (input: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  if (typeof input !== 'object' || input === null) return out
  for (const [key, raw] of Object.entries(input)) {
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value === 'string') out[key] = value.trim()
  }
  return out
}

/** An optional field: empty means "not given", so the API's default applies. */
export const optional = (text: string | undefined): string | undefined => text === undefined || text === '' ? undefined : text

/**
 * A number field as the API should see it: digits become a number; anything else is sent as typed,
 * so the API refuses it in its own words.
 */
export function numberField (text: string | undefined): number | string | undefined {
  const given = optional(text)
  if (given === undefined) return undefined
  return /^-?\d+(\.\d+)?$/.test(given) ? Number(given) : given
}

/** The result of a read the page cannot do without; its failure is the page's error. */
export function must<T> (answer: Answer<T>): T {
  if (answer.ok) return answer.result
  throw new ConsoleError(answer.status, answer.error.message)
}

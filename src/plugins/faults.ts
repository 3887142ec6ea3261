import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ScopedQueues } from '../domain/scoped-queues.js'
import { errorForStatus, validationError } from '../errors.js'
import { FAULT_STATUSES, type FaultBody } from '../schemas/sandbox.js'

import type { RouteName } from './emulated-route.js'

export type { RouteName }

export interface Fault {
  route: RouteName
  status: number | null
  latencyMs: number | null
  /** Only calls authenticated as this client; any caller when null. */
  clientId: string | null
  remaining: number
}

/** Faults waiting at once, per client_id; faults for any caller have a cap of their own. */
export const MAX_FAULTS = 100

/**
 * Failures and delays waiting for the next emulated calls, oldest first. A fault for any caller
 * acts before authentication (an outage answers whoever calls); a client's fault acts once the
 * call authenticated as that client, so a wrong secret still gets its 401.
 */
export class Faults {
  readonly #faults = new ScopedQueues<Fault>(MAX_FAULTS)

  /** Every waiting fault, oldest first. */
  get list (): readonly Fault[] {
    return this.#faults.all()
  }

  /** How many wait, in every scope (the hot path's "any at all?"). */
  get size (): number {
    return this.#faults.size
  }

  /** Checks the whole request first: a bad one changes nothing. */
  add (body: FaultBody): Fault {
    const problems: Record<string, string[]> = {}
    if (body.status === undefined && body.latency_ms === undefined) {
      problems.status = ['Give status, latency_ms or both.']
    }
    if (body.status !== undefined && !(FAULT_STATUSES as readonly number[]).includes(body.status)) {
      problems.status = [`status ${body.status} is not supported: use one of ${FAULT_STATUSES.join(', ')}.`]
    }
    if (body.client_id !== undefined && body.route === 'page') {
      problems.client_id = ['client_id cannot scope a page fault: page calls carry no client.']
    }
    const clientId = body.client_id ?? null
    if (Object.keys(problems).length === 0 && this.#faults.isFull(clientId)) {
      const whose = clientId === null ? 'for any caller' : `for client_id "${clientId}"`
      problems.count = [`At most ${MAX_FAULTS} faults wait at once ${whose}; DELETE /_sandbox/faults first.`]
    }
    if (Object.keys(problems).length > 0) throw validationError(problems)
    const fault: Fault = {
      route: body.route,
      status: body.status ?? null,
      latencyMs: body.latency_ms ?? null,
      clientId,
      remaining: body.count ?? 1
    }
    this.#faults.push(clientId, fault)
    return fault
  }

  /** Takes one use of the oldest fault matching this call, if any. */
  take (route: RouteName, clientId: string | null): Fault | undefined {
    const fault = this.#faults.oldest([clientId], f => f.route === route)
    if (fault !== undefined && --fault.remaining === 0) this.#faults.remove(clientId, fault)
    return fault
  }

  /** Forgets every fault, or those scoped to `clientId` (faults for any caller stay). */
  clear (clientId?: string): number {
    return this.#faults.clear(clientId)
  }
}

/** Delays, then fails when the fault has a status. The page's own error handler renders the error. */
async function play (fault: Fault): Promise<void> {
  if (fault.latencyMs !== null && fault.latencyMs > 0) await sleep(fault.latencyMs)
  if (fault.status !== null) throw errorForStatus(fault.status)
}

declare module 'fastify' {
  interface FastifyInstance {
    faults: Faults
  }
}

export default fp(async function faultsPlugin (app: FastifyInstance) {
  const faults = new Faults()
  app.decorate('faults', faults)

  // Callback hooks: with no fault waiting (nearly every call) they cost no promise.
  const playInto = (fault: Fault | undefined, done: (err?: Error) => void): void => {
    if (fault === undefined) return done()
    play(fault).then(() => done(), done)
  }

  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.emulated
    if (route === null || faults.size === 0) return done()
    playInto(faults.take(route, null), done)
  })

  // After the route's own authentication (an onRequest hook of the API routes) has set request.client.
  app.addHook('preHandler', (request, _reply, done) => {
    const route = request.emulated
    const clientId = (request.client as { clientId: string } | null | undefined)?.clientId
    if (route === null || route === 'page' || faults.size === 0 || clientId === undefined) return done()
    playInto(faults.take(route, clientId), done)
  })
}, { name: 'faults', dependencies: ['emulated-route'] })

import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { errorForStatus, validationError } from '../errors.js'
import { FAULT_STATUSES, type FaultBody } from '../schemas/sandbox.js'
import type { Fault, RouteName, SandboxState } from '../state/state.js'

export type { Fault, RouteName }

/** Faults waiting at once, per client_id; faults for any caller have a cap of their own. */
export const MAX_FAULTS = 100

/**
 * Failures and delays waiting for the next emulated calls, oldest first. A fault for any caller
 * acts before authentication (an outage answers whoever calls); a client's fault acts once the
 * call authenticated as that client, so a wrong secret still gets its 401.
 */
export class Faults {
  constructor (private readonly state: SandboxState) {}

  /** Every waiting fault, oldest first. */
  async list (): Promise<Fault[]> {
    return await this.state.faults()
  }

  /** Checks the whole request first: a bad one changes nothing. */
  async add (body: FaultBody): Promise<Fault> {
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
    if (Object.keys(problems).length > 0) throw validationError(problems)
    const clientId = body.client_id ?? null
    const fault: Fault = {
      route: body.route,
      status: body.status ?? null,
      latencyMs: body.latency_ms ?? null,
      clientId,
      remaining: body.count ?? 1
    }
    if (!await this.state.pushFault(fault, MAX_FAULTS)) {
      const whose = clientId === null ? 'for any caller' : `for client_id "${clientId}"`
      throw validationError({ count: [`At most ${MAX_FAULTS} faults wait at once ${whose}; DELETE /_sandbox/faults first.`] })
    }
    return fault
  }

  /** Takes one use of the oldest fault matching this call, if any. */
  async take (route: RouteName, clientId: string | null): Promise<Fault | undefined> {
    return await this.state.takeFault(route, clientId)
  }

  /**
   * Plays the oldest fault waiting for this call, then calls `done` (with the fault's error when it
   * has a status). `clientId` null: a fault for any caller, which the call's first step plays
   * before authentication (emulated-route.ts); a client's, which the API routes play once the call
   * authenticated and the rate limit counted it (routes/api.ts).
   */
  playNext (request: FastifyRequest, route: RouteName, clientId: string | null, done: (err?: Error) => void): void {
    this.take(route, clientId).then(fault => play(request, fault)).then(() => done(), done)
  }

  /** Forgets every fault, or those scoped to `clientId` (faults for any caller stay). */
  async clear (clientId?: string): Promise<number> {
    return await this.state.clearFaults(clientId)
  }
}

/** Delays, then fails when the fault has a status. The page's own error handler renders the error. */
async function play (request: FastifyRequest, fault: Fault | undefined): Promise<void> {
  if (fault === undefined) return
  // What the call's first step read may be stale after a delay: the route reads again.
  request.faulted = true
  // Stryker disable next-line LogicalOperator: `||` also sleeps a latency of 0 ms: one timer tick, and the status acts the same
  if (fault.latencyMs !== null && fault.latencyMs > 0) await sleep(fault.latencyMs)
  if (fault.status !== null) throw errorForStatus(fault.status)
}

declare module 'fastify' {
  interface FastifyInstance {
    faults: Faults
  }
  interface FastifyRequest {
    /** A fault acted on this call. */
    faulted: boolean
  }
}

/**
 * No hooks of its own: the call's first step said whether any fault waits (emulated-route.ts), and
 * plays one for any caller; the API routes play a client's after authentication. Nearly every call
 * finds none and goes on at once, with no promise and no further round trip.
 */
export default fp(async function faultsPlugin (app: FastifyInstance) {
  app.decorate('faults', new Faults(app.state))
  // Stryker disable ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): the dependencies are only checked on a wrong registration order (app.ts registers in order)
  // Stryker disable next-line StringLiteral,BooleanLiteral: the flag's initial value: unset is falsy, and `true` only makes a GET read its session again (the same answer)
  app.decorateRequest('faulted', false)
}, { name: 'faults', dependencies: ['state'] })

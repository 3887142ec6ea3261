import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { toTimestamp } from '../../domain/clock.js'
import { validationError } from '../../errors.js'
import { ClockBody, ClockView, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'

const ACTIONS = ['advance_seconds', 'set', 'reset'] as const
// Dates the record's timestamps can still show in their four-digit-year format.
const EARLIEST = Date.parse('1970-01-01T00:00:00Z')
const LATEST = Date.parse('9999-12-31T23:59:59Z')

export default async function clockRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const view = (): Static<typeof ClockView> => ({ now: toTimestamp(app.clock.now()), offset_ms: Math.round(app.clock.offsetMs) })

  app.get('/clock', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'The sandbox clock behind created_at, updated_at, expire_at, retention and the page\'s countdown',
      response: sandboxResponses(ClockView)
    }
  }, async () => ({ status: 200 as const, result: view() }))

  app.post('/clock', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Move the sandbox clock: {"advance_seconds": n}, {"set": iso} or {"reset": true}',
      description: 'One clock for everything: moving it expires links and prunes personal data as real time would. ' +
        'advance_seconds may be negative. The rate limit keeps real time.',
      body: ClockBody,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(ClockView, [422])
    }
  }, async (request) => {
    const body = request.body
    const given = ACTIONS.filter(key => body[key] !== undefined)
    if (given.length !== 1) {
      const got = given.length === 0 ? 'none' : given.join(' and ')
      throw validationError({ body: [`Give exactly one of advance_seconds, set or reset (got ${got}).`] })
    }
    if (body.advance_seconds !== undefined) {
      const target = app.clock.now() + body.advance_seconds * 1000
      if (target < EARLIEST || target > LATEST) throw validationError({ advance_seconds: ['advance_seconds would move the clock before 1970 or past 9999.'] })
      // One step in the state: advances made at once through several replicas all count.
      app.clock.adopt(await app.state.shiftClockOffset(body.advance_seconds * 1000))
    } else if (body.set !== undefined) {
      const target = Date.parse(body.set)
      if (Number.isNaN(target) || target < EARLIEST || target > LATEST) throw validationError({ set: [`set "${body.set}" is not a date-time from 1970 to 9999.`] })
      app.clock.set(target)
      await app.state.setClockOffset(app.clock.offsetMs)
    } else {
      app.clock.reset()
      await app.state.setClockOffset(0)
    }
    return { status: 200 as const, result: view() }
  })
}

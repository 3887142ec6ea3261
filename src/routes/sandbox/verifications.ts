import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { scenarioProblems } from '../../domain/scenario-rules.js'
import { isExpired, toRecord, type Verification } from '../../domain/verification.js'
import { ApiError, validationError, type FieldErrors } from '../../errors.js'
import type { ScenarioBody } from '../../schemas/scenario.js'
import { CompleteBody, DEFAULT_LIST_LIMIT, VerificationListQuery, SandboxVerification, TokenParams, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'
import { knownScenario } from './scenarios.js'

/** A session as the control plane shows it: the sandbox's state around the real record. */
export function sandboxView (app: FastifyInstance, v: Verification): Static<typeof SandboxVerification> {
  const expired = isExpired(v, app.clock.now())
  const next = v.outcome.next
  return {
    token: v.token,
    client_id: v.clientId,
    page_url: v.url,
    return_url: app.flow.returnUrl(v),
    finished: v.finished,
    expired,
    armed_scenario: v.armed?.name ?? null,
    // Stryker disable next-line StringLiteral: a session whose next step is `done` is always `finished` (flow.ts sets both), so null either way
    next_step: v.finished || expired || next === 'done' ? null : next,
    attempts: { ocr: v.ocrAttempts, face: v.faceAttempts },
    record: toRecord(v)
  }
}

/** `{"scenario": NAME}` names a catalogue scenario; any other body is an inline scenario. */
function scenarioFrom (app: FastifyInstance, body: CompleteBody): ScenarioBody {
  const { scenario: name, ...inline } = body
  if (name !== undefined) {
    if (Object.keys(inline).length > 0) {
      throw validationError({ scenario: [`Give either "scenario" (a name) or an inline scenario, not both (also got ${Object.keys(inline).join(', ')}).`] })
    }
    return knownScenario(app, name)
  }
  const problems = scenarioProblems(inline, app.config.facePassThreshold)
  if (problems.length > 0) {
    const errors: FieldErrors = {}
    for (const problem of problems) (errors[problem.split(':')[0]] ??= []).push(problem)
    throw validationError(errors)
  }
  return inline
}

export default async function verificationRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const find = async (token: string): Promise<Verification> => {
    const v = await app.store.get(token)
    if (v === undefined) throw new ApiError('VERIFICATION_NOT_FOUND', `Verification "${token}" not found.`)
    return v
  }

  app.get('/verifications', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Sessions, newest first (optionally one client\'s), at most `limit`',
      querystring: VerificationListQuery,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(Type.Array(SandboxVerification), [422])
    }
  }, async (request) => {
    // Bounded: a full store rendered at once is megabytes of JSON.
    const limit = request.query.limit === undefined ? DEFAULT_LIST_LIMIT : Number(request.query.limit)
    return { status: 200 as const, result: (await app.store.list(request.query.client_id, limit)).map(v => sandboxView(app, v)) }
  })

  app.get('/verifications/:token', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'One session, whatever its client',
      params: TokenParams,
      response: sandboxResponses(SandboxVerification, [404])
    }
  }, async (request) => ({ status: 200 as const, result: sandboxView(app, await find(request.params.token)) }))

  app.post('/verifications/:token/complete', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Finish a session without the page: a catalogue scenario or an inline one',
      description: 'Plays the scenario on an untouched session and finishes it, as a preset button on the page does. ' +
        'A finished session answers 409, an expired one 409. A scenario that does not fit the session is a 422 naming why, and nothing is applied: ' +
        'one for the other document kind or type, a code the session\'s OCR engine never returns, or failing face attempts on a type 01 session (no face step).',
      params: TokenParams,
      body: CompleteBody,
      response: sandboxResponses(SandboxVerification, [404, 409, 422])
    }
  }, async (request) => {
    const scenario = scenarioFrom(app, request.body)
    const v = await find(request.params.token)
    return { status: 200 as const, result: sandboxView(app, await app.flow.apply(v, scenario)) }
  })

  app.post('/verifications/:token/expire', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Let the link expire now',
      description: 'Sets expire_at and updated_at to the sandbox clock\'s now; nothing else changes. A link already expired is left as it is.',
      params: TokenParams,
      response: sandboxResponses(SandboxVerification, [404])
    }
  }, async (request) => {
    const v = await find(request.params.token)
    const expired = isExpired(v, app.clock.now()) ? v : await app.flow.expire(v)
    return { status: 200 as const, result: sandboxView(app, expired) }
  })
}

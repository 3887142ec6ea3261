import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { validateCreateRequest } from '../domain/create-request.js'
import { ApiError, validationError } from '../errors.js'
import {
  CreateVerificationBody, CreateVerificationResponse, GetVerificationResponse, TokenParams, withErrors
} from '../schemas/api.js'
import { TAGS } from '../plugins/swagger.js'
import type { Client } from '../plugins/store.js'
import type { Verification } from '../domain/verification.js'
import type { RouteName } from '../plugins/emulated-route.js'
import { RecordJsonCache } from './api/record-cache.js'

declare module 'fastify' {
  interface FastifyRequest {
    client: Client | null
  }
  interface FastifyContextConfig {
    /** Which emulated surface a route is: faults, the journal and rate limits key on it. */
    emulated?: 'create' | 'get' | 'page'
  }
}

const security = [{ clientId: [], clientSecret: [] }]

/** Serialised by hand like the GET; the route's schema documents it (test/api/create.test.ts holds the bytes). */
function sendCreated (request: FastifyRequest, reply: FastifyReply, v: Verification): void {
  request.sessionToken = v.token
  reply.type('application/json; charset=utf-8').send(`{"status":200,"result":{"url":${JSON.stringify(v.url)},"token":${JSON.stringify(v.token)}}}`)
}

/** The GET's answer, serialised by hand once per session version; the route's schema still documents the shape. */
function sendRecord (reply: FastifyReply, records: RecordJsonCache, v: Verification | undefined): void {
  if (v === undefined) throw new ApiError('VERIFICATION_NOT_FOUND')
  reply.type('application/json; charset=utf-8').send(records.body(v))
}

/** A fault waiting for this call's client acts, once the call authenticated and the rate limit counted it. */
function playClientFault (app: FastifyInstance, request: FastifyRequest, done: (err?: Error) => void): void {
  // Stryker disable next-line OptionalChaining: callStart is never null here: the call's first step sets it before this hook runs
  if (request.callStart?.clientFaults !== true) return done()
  app.faults.playNext(request, request.emulated as RouteName, (request.client as Client).clientId, done)
}

/** The two emulated endpoints. Handlers stay thin: the domain decides, the store keeps. */
export default async function apiRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const records = new RecordJsonCache()
  // Stryker disable next-line StringLiteral: the decorator only shapes the request object; the hook below sets request.client before anything reads it
  app.decorateRequest('client', null)
  // The real API reads JSON only: every other body type is a 415.
  app.removeContentTypeParser('text/plain')
  // Production's order: authentication, then the rate limit counts the call, then a fault waiting
  // for this client acts (a fault for any caller acted in the call's first step, before all three).
  app.addHook('onRequest', (request, reply, done) => {
    try {
      request.client = app.authenticate(request)
    } catch (err) {
      return done(err as Error)
    }
    if (app.countCall === null) return playClientFault(app, request, done)
    app.countCall(request, reply).then(() => { playClientFault(app, request, done) }, done)
  })

  app.post('/api/ekyc/verifications', {
    schema: {
      tags: [TAGS.api],
      summary: 'Create a hosted verification session',
      security,
      body: CreateVerificationBody,
      response: withErrors(CreateVerificationResponse, [400, 401, 413, 415, 422, 429, 500, 503])
    },
    // The domain validator checks the body (every bad field at once, in Laravel's words);
    // the schema above documents it.
    config: { emulated: 'create' },
    // Stryker disable next-line ArrowFunction,ObjectLiteral: Fastify skips a missing validator and keeps the body when the result has no error; the domain validator checks the body
    validatorCompiler: () => (data) => ({ value: data })
  }, (request, reply) => {
    // A plain function: with the state in memory a create costs no promise (a throw still reaches the error handler).
    const checked = validateCreateRequest(request.body)
    if ('errors' in checked) throw validationError(checked.errors)
    const client = request.client as Client
    // Stryker disable next-line OptionalChaining: callStart is never null on an emulated route
    const armed = app.arming.forNewSession(request.headers['x-sandbox-scenario'], checked.value, request.callStart?.arms === true)
    const created = app.store.create(checked.value, client, armed)
    // Stryker disable next-line BlockStatement: killed by the Redis pass (test/api/create.test.ts with SANDBOX_TEST_REDIS_URL; memory never answers a promise)
    if (created instanceof Promise) return created.then(v => { sendCreated(request, reply, v) })
    sendCreated(request, reply, created)
  })

  app.get('/api/ekyc/verifications/:token', {
    schema: {
      tags: [TAGS.api],
      summary: 'Read a verification record',
      security,
      params: TokenParams,
      response: withErrors(GetVerificationResponse, [401, 404, 429, 500, 503])
    },
    config: { emulated: 'get' },
    // Stryker disable next-line ArrowFunction,ObjectLiteral: Fastify skips a missing validator and keeps the params when the result has no error; the store reads the token as given
    validatorCompiler: () => (data) => ({ value: data })
  }, (request, reply) => {
    // The call's first step read the session already (one round trip), unless a fault delayed it.
    // A plain function like the create's: a session read in memory costs no promise.
    // Stryker disable next-line EqualityOperator: callStart is never null on an emulated route, so `!== null` only reads the session again (the same answer)
    const read = request.faulted || request.callStart === null ? undefined : { session: request.callStart.session }
    const found = app.store.getOwned(request.params.token, (request.client as Client).clientId, read)
    if (found instanceof Promise) return found.then(v => { sendRecord(reply, records, v) })
    sendRecord(reply, records, found)
  })
}

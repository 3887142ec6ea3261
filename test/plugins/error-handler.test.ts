import { Writable } from 'node:stream'
import t from 'tap'
import Fastify, { type FastifyError } from 'fastify'
import errorHandlerPlugin, { toApiError, toPageError } from '../../src/plugins/error-handler.js'

/** A framework-style error: a message, and the fields Fastify and its plugins set. */
function frameworkError (message: string, fields: Record<string, unknown> = {}): FastifyError {
  return Object.assign(new Error(message), fields) as unknown as FastifyError
}

/** The envelope as it goes on the wire (the field map has no prototype, so compare its JSON). */
const envelope = (err: FastifyError): unknown => JSON.parse(JSON.stringify(toApiError(err).toEnvelope()))

t.test('every framework error becomes one of the real envelopes', async t => {
  t.strictSame(envelope(new SyntaxError('Unexpected token } in JSON') as FastifyError), { status: 400, message: 'The request body is not valid JSON.' }, 'a parser\'s SyntaxError')
  for (const message of ["Stream isn't writeable and enableOfflineQueue options is false", 'Connection is closed.', 'connect ECONNREFUSED 127.0.0.1:6379', 'read ECONNRESET']) {
    t.strictSame(envelope(frameworkError(message, { statusCode: 500 })), { status: 503, message: 'Service Unavailable.' }, `Redis away: ${message}`)
  }
  t.strictSame(envelope(frameworkError('Reached the max retries per request limit', { name: 'MaxRetriesPerRequestError' })), { status: 503, message: 'Service Unavailable.' }, 'ioredis gave up')
  t.strictSame(envelope(frameworkError('boom')), { status: 500, message: 'Server Error.' }, 'no status: a 500')
  t.strictSame(envelope(frameworkError('limited', { statusCode: 429 })), { status: 429, message: 'Too many requests, please try again later.' })
  t.strictSame(envelope(frameworkError('no route', { statusCode: 404 })), { status: 404, message: 'Not found.' })
  t.strictSame(envelope(frameworkError('Bad header', { statusCode: 400 })), { status: 400, message: 'Bad header.' }, 'a 400 keeps its text, with a full stop')
  t.strictSame(envelope(frameworkError('Gone away.', { statusCode: 499 })), { status: 400, message: 'Gone away.' }, 'the last 4xx; a full stop is not doubled')
  t.strictSame(envelope(frameworkError('Upstream', { statusCode: 502 })), { status: 500, message: 'Server Error.' }, 'a 5xx says nothing of itself')
  t.strictSame(envelope(frameworkError('Moved', { statusCode: 399 })), { status: 500, message: 'Server Error.' }, 'below 400: not a client error')
})

t.test('a long framework text is cut to 200 characters', async t => {
  const at = (n: number): string => (toApiError(frameworkError('x'.repeat(n), { statusCode: 400 })).message)
  t.equal(at(200), `${'x'.repeat(200)}.`, '200 characters stay whole')
  t.equal(at(201), `${'x'.repeat(200)}….`, 'the 201st goes, with an ellipsis')
})

t.test('schema errors name each field once, as a 422', async t => {
  const validation = (issues: object[], validationContext?: string): FastifyError => frameworkError('invalid', { validation: issues, validationContext })
  t.strictSame(envelope(validation([
    { instancePath: '/scenario/face/similarity', params: {}, message: 'must be number' },
    { instancePath: '/scenario/face/similarity', params: {}, message: 'must be number' },
    { instancePath: '', params: { missingProperty: 'token' }, message: 'must have required property' },
    { instancePath: '', params: {} }
  ], 'body')), {
    status: 422,
    message: 'Invalid body: scenario.face.similarity must be number.',
    errors: {
      'scenario.face.similarity': ['scenario.face.similarity must be number'],
      token: ['token is required'],
      body: ['body is invalid']
    }
  })
  t.strictSame(envelope(validation([{ instancePath: '', params: {}, message: 'must be object' }])), {
    status: 422, message: 'Invalid request: body must be object.', errors: { body: ['body must be object'] }
  }, 'no context: the field is the body, the message says request')
  t.strictSame(envelope(validation([], 'querystring')), {
    status: 422, message: 'Invalid querystring: The given data was invalid..', errors: {}
  }, 'no issue listed: the generic text')
})

t.test('a form over the page\'s limit is told that limit; other bodies keep the API\'s', async t => {
  const tooLarge = frameworkError('too large', { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })
  t.equal(toPageError(tooLarge, 'Application/X-WWW-Form-URLencoded; charset=utf-8', 16 * 1024).message, 'The form is too large (over 16 KiB).')
  t.equal(toPageError(tooLarge, 'application/json', 16 * 1024).message, 'The request body is too large (over 1 MiB).')
  t.equal(toPageError(tooLarge, 'text/plain; x=application/x-www-form-urlencoded', 16 * 1024).message, 'The request body is too large (over 1 MiB).', 'the type itself, not a parameter')
  t.equal(toPageError(tooLarge, undefined, 16 * 1024).message, 'The request body is too large (over 1 MiB).', 'no content type')
})

t.test('the error handler logs a 5xx with its error, and answers a 429 on a bare Fastify as production\'s limiter', async t => {
  const lines: Array<{ level: number, msg: string, err?: { message: string } }> = []
  const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const app = Fastify({ logger: { level: 'info', stream }, disableRequestLogging: true })
  t.teardown(() => app.close())
  await app.register(errorHandlerPlugin)
  app.get('/boom', async () => { throw new Error('the disk is on fire') })
  app.get('/limited', async () => { throw frameworkError('limited', { statusCode: 429 }) })
  app.get('/bad', async () => { throw frameworkError('Bad header', { statusCode: 400 }) })
  const boom = await app.inject('/boom')
  t.strictSame(boom.json(), { status: 500, message: 'Server Error.' })
  const logged = lines.filter(l => l.level === 50)
  t.equal(logged.length, 1, 'one error line')
  t.equal(logged[0]?.msg, 'request failed')
  t.equal(logged[0]?.err?.message, 'the disk is on fire', 'with the error itself')
  await app.inject('/bad')
  t.equal(lines.filter(l => l.level === 50).length, 1, 'a 4xx is not logged as an error')
  const limited = await app.inject('/limited')
  t.equal(limited.statusCode, 429, 'no sandbox config on this instance: still the limiter\'s answer')
  t.equal(limited.body, 'Too many requests, please try again later.')
})

// Property-based fuzzing of routing: unknown paths, odd methods, percent-encoded garbage, /health.
import fc from 'fast-check'
import t from 'tap'
import type { InjectOptions } from 'fastify'
import { buildTestApp, createSession } from '../helpers/app.js'
import {
  check, checkAlive, checkAnswer, contentType, credentials, extraHeaders, isPagePath, params, pathSegment, queryString, rawBody, statusTally
} from './fuzz-helpers.js'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH', 'LOCK', 'MKCOL', 'COPY', 'MOVE', 'UNLOCK', 'REPORT', 'QUERY']

const PREFIXES = [
  '', '/api', '/api/ekyc', '/api/ekyc/verifications', '/api/ekyc/verifications/', '/API/EKYC/VERIFICATIONS', '/verifications',
  '/verifications/', '/_sandbox', '/_sandbox/', '/_sandbox/verifications', '/_sandbox/scenarios', '/_sandbox/clock', '/_sandbox/state',
  '/health', '/health/', '/documentation', '/documentation/json', '/documentation/yaml', '/documentation/static', '/documentation/static/index.html',
  '//', '/./', '/..', '/%2e%2e', '/api/ekyc/verifications/%2F..%2F..'
]

const path = fc.tuple(fc.constantFrom(...PREFIXES), fc.array(pathSegment, { maxLength: 3 }), fc.boolean())
  .map(([prefix, segments, slash]) => `${prefix}${segments.map(s => `/${s}`).join('')}${slash ? '/' : ''}` || '/')

t.test('any method on any path never gives a 5xx or an error outside the envelope', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...METHODS), fc.oneof(path, fc.constantFrom(`/api/ekyc/verifications/${token}`, `/verifications?token=${token}`, `/_sandbox/verifications/${token}`)),
    fc.oneof(fc.constant(''), queryString), fc.option(rawBody), contentType, credentials, extraHeaders,
    async (method, p, query, body, type, creds, extra) => {
      const url = query === '' || p.includes('?') ? p : `${p}?${query}`
      const options: InjectOptions = { method: method as 'GET', url, headers: { ...extra, ...creds } }
      if (body !== null && method !== 'GET' && method !== 'HEAD') {
        options.payload = body
        if (type !== undefined) (options.headers as Record<string, string>)['content-type'] = type
      }
      const res = await app.inject(options)
      checkAnswer(res, `${method} ${url}`, { page: isPagePath(url, method), method })
    }), params(250))
  statusTally(t)
  await checkAlive(app)
})

t.test('/health answers 200 ok to any query and headers', async t => {
  const { app } = await buildTestApp(t)
  await fc.assert(fc.asyncProperty(
    fc.oneof(fc.constant(''), queryString), fc.constantFrom('/health', '/health/'), extraHeaders, credentials,
    async (query, p, extra, creds) => {
      const url = query === '' ? p : `${p}?${query}`
      const res = await app.inject({ method: 'GET', url, headers: { ...extra, ...creds } })
      checkAnswer(res, `GET ${url}`)
      // A query or header the router itself refuses (bad percent-encoding) is the only way not to get 200.
      if (res.statusCode !== 400) {
        check(res.statusCode === 200, `/health answered ${res.statusCode}`, res)
        check(res.json().status === 'ok' && Number.isInteger(res.json().sessions), '/health body is not {status: ok, sessions}', res)
      }
    }), params(150))
  statusTally(t)
})

// Property-based fuzzing of the control plane's query strings: a parameter a route does not know,
// or a single value given twice, is a 422 naming it, and nothing is done.
import fc from 'fast-check'
import t from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildTestApp, createSession } from '../helpers/app.js'
import { check, checkAnswer, params, pathSegment, statusTally } from './fuzz-helpers.js'

interface Route { method: 'GET' | 'POST' | 'DELETE', path: (token: string) => string, known: string[], body?: object }

const ROUTES: Route[] = [
  { method: 'GET', path: () => '/_sandbox/scenarios', known: [] },
  { method: 'GET', path: () => '/_sandbox/scenarios/pass', known: [] },
  { method: 'GET', path: () => '/_sandbox/verifications', known: ['client_id', 'limit'] },
  { method: 'GET', path: token => `/_sandbox/verifications/${token}`, known: [] },
  { method: 'POST', path: token => `/_sandbox/verifications/${token}/complete`, known: [], body: { scenario: 'pass' } },
  { method: 'POST', path: token => `/_sandbox/verifications/${token}/expire`, known: [] },
  { method: 'GET', path: () => '/_sandbox/arm', known: [] },
  { method: 'POST', path: () => '/_sandbox/arm', known: [], body: { scenario: 'pass', client_id: 'fuzz-arm' } },
  { method: 'GET', path: () => '/_sandbox/clock', known: [] },
  { method: 'POST', path: () => '/_sandbox/clock', known: [], body: { advance_seconds: 1 } },
  { method: 'GET', path: () => '/_sandbox/faults', known: [] },
  { method: 'POST', path: () => '/_sandbox/faults', known: [], body: { route: 'create', latency_ms: 0, client_id: 'fuzz-fault' } },
  { method: 'DELETE', path: () => '/_sandbox/faults', known: ['client_id'] },
  { method: 'GET', path: () => '/_sandbox/requests', known: ['client_id', 'limit'] },
  { method: 'DELETE', path: () => '/_sandbox/state', known: ['client_id'] }
]

/** Names only: spelling slips, other casings, bracket and dotted forms, prototype members. */
const KEYS = [
  'client_id', 'limit', 'clientId', 'client', 'clientid', 'CLIENT_ID', 'Client_Id', 'client-id', 'client_id[]', 'client_id[0]',
  'client_id.x', 'limit[]', 'Limit', 'token', 'scenario', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'
]

const pair = fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom('merchant-a', '5', '0', ''), pathSegment))
const query = fc.array(pair, { minLength: 1, maxLength: 4 })

/** Everything a control-plane call can change. */
async function state (app: FastifyInstance): Promise<string> {
  return JSON.stringify([await app.store.list(), await app.arming.arms(), await app.faults.list(), app.clock.now(), await app.state.journal(undefined, 200)])
}

t.test('/_sandbox/* query strings: an unknown or repeated parameter is a 422 naming it, and changes nothing', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await createSession(app, {}, { client_id: 'merchant-b', client_secret: 'sk_b' })
  await app.inject({ method: 'POST', url: '/_sandbox/arm', payload: { scenario: 'pass', client_id: 'merchant-a' } })
  await app.inject({ method: 'POST', url: '/_sandbox/faults', payload: { route: 'get', latency_ms: 0, client_id: 'merchant-b' } })

  await fc.assert(fc.asyncProperty(fc.constantFrom(...ROUTES), query, async (route, pairs) => {
    const url = `${route.path(token)}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`
    const options: InjectOptions = { method: route.method, url }
    if (route.body !== undefined) options.payload = route.body
    const unknown = [...new Set(pairs.map(([k]) => k).filter(k => !route.known.includes(k)))]
    const repeated = route.known.filter(k => pairs.filter(([name]) => name === k).length > 1)
    const before = await state(app)
    const res = await app.inject(options)
    checkAnswer(res, `${route.method} ${url}`)
    if (unknown.length === 0 && repeated.length === 0) return
    check(res.statusCode === 422, `${route.method} ${url}: answered ${res.statusCode} to ${[...unknown, ...repeated].join(', ')}`, res)
    const errors = res.json().errors as Record<string, string[]>
    for (const name of unknown) check(errors[name]?.[0] === `${name} is not a known field`, `${url}: "${name}" not named`, res)
    for (const name of repeated) check(errors[name]?.[0] === `${name} is given more than once: give it once`, `${url}: repeated "${name}" not named`, res)
    check(await state(app) === before, `${route.method} ${url}: a refused call changed the state`, res)
  }), params(300))
  statusTally(t)
})

// Property-based fuzzing of the /_sandbox control plane.
import fc from 'fast-check'
import t from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { Compile } from 'typebox/compile'
import { fitProblems, scenarioProblems } from '../../src/domain/scenario-rules.js'
import { FAULT_STATUSES } from '../../src/schemas/sandbox.js'
import { ScenarioBodySchema } from '../../src/schemas/scenario.js'
import { buildTestApp, createSession, CREDENTIALS } from '../helpers/app.js'
import {
  check, checkAlive, checkAnswer, contentType, extraHeaders, hostileKey, hostileString, hostileValue, inlineScenario,
  ownProtoKeys, params, pathSegment, PROTO_KEYS, queryString, rawBody, statusTally, validInline
} from './fuzz-helpers.js'

const checkInline = Compile(ScenarioBodySchema)

/** Bodies for the control plane's POST routes: near-valid ones for each, and anything at all. */
const controlBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    scenario: fc.oneof(fc.constantFrom('pass', 'expired', 'nope'), hostileValue),
    client_id: fc.oneof(fc.constantFrom('merchant-a', ''), hostileValue),
    count: fc.oneof(fc.integer({ min: -5, max: 1005 }), fc.double(), hostileValue)
  }, { requiredKeys: [] }),
  fc.record({
    advance_seconds: fc.oneof(fc.integer({ min: -400_000_000, max: 400_000_000 }), fc.double(), hostileValue),
    set: fc.oneof(fc.date({ min: new Date(-1e14), max: new Date(1e14) }).map(d => Number.isNaN(d.getTime()) ? 'x' : d.toISOString()), fc.constantFrom('2025-02-01T00:00:00Z', '9999-12-31T23:59:59Z', '10000-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2025-02-30T00:00:00Z', '2025-02-01', 'now', '2025-02-01T25:00:00Z', '+275760-09-13T00:00:00.000Z'), hostileValue),
    reset: fc.oneof(fc.constant(true), hostileValue)
  }, { requiredKeys: [] }),
  fc.record({
    route: fc.oneof(fc.constantFrom('create', 'get', 'page'), hostileValue),
    status: fc.oneof(fc.constantFrom(...FAULT_STATUSES, 200, 302, 418, 599, 0, -1), hostileValue),
    latency_ms: fc.oneof(fc.integer({ min: -1, max: 70_000 }), hostileValue),
    count: fc.oneof(fc.integer({ min: -1, max: 1001 }), hostileValue),
    client_id: fc.oneof(fc.constant('merchant-a'), hostileValue)
  }, { requiredKeys: [] }),
  inlineScenario,
  hostileValue,
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 5 }).map(ownProtoKeys)
)

const ROUTES: Array<{ method: string, path: (seg: string) => string }> = [
  { method: 'GET', path: () => '/_sandbox/scenarios' },
  { method: 'GET', path: s => `/_sandbox/scenarios/${s}` },
  { method: 'GET', path: () => '/_sandbox/verifications' },
  { method: 'GET', path: s => `/_sandbox/verifications/${s}` },
  { method: 'POST', path: s => `/_sandbox/verifications/${s}/complete` },
  { method: 'POST', path: s => `/_sandbox/verifications/${s}/expire` },
  { method: 'GET', path: () => '/_sandbox/arm' },
  { method: 'POST', path: () => '/_sandbox/arm' },
  { method: 'GET', path: () => '/_sandbox/clock' },
  { method: 'POST', path: () => '/_sandbox/clock' },
  { method: 'GET', path: () => '/_sandbox/faults' },
  { method: 'POST', path: () => '/_sandbox/faults' },
  { method: 'DELETE', path: () => '/_sandbox/faults' },
  { method: 'GET', path: () => '/_sandbox/requests' },
  { method: 'DELETE', path: () => '/_sandbox/state' }
]

/** Forgets faults (a latency fault would slow the liveness check) and checks the server answers. */
async function settle (app: FastifyInstance): Promise<void> {
  const cleared = await app.inject({ method: 'DELETE', url: '/_sandbox/faults' })
  check(cleared.statusCode === 200, 'DELETE /_sandbox/faults fails', cleared)
  await app.inject({ method: 'POST', url: '/_sandbox/clock', payload: { reset: true } })
  await checkAlive(app)
}

t.test('/_sandbox/*: hostile paths, queries, bodies and content types never give a 5xx or a broken envelope', async t => {
  const { app } = await buildTestApp(t)
  const sessions = [await createSession(app), await createSession(app, { id_type: 'PASSPORT', id_country: 'JPN' })]
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...ROUTES), fc.oneof(pathSegment, fc.constantFrom(...sessions), fc.constantFrom('pass', 'expired', 'fail-ocr-blurry')),
    fc.oneof(fc.constant(''), queryString, fc.constantFrom('client_id=', 'client_id=merchant-a', 'client_id=a&client_id=b', 'limit=0', 'limit=1000', 'limit=5', 'limit=01', `client_id=${'x'.repeat(300)}`)),
    fc.option(fc.oneof({ weight: 3, arbitrary: controlBody.map(b => JSON.stringify(b) ?? '') }, { weight: 1, arbitrary: rawBody })),
    contentType, extraHeaders,
    async (route, segment, query, body, type, extra) => {
      const url = route.path(segment) + (query === '' ? '' : `?${query}`)
      const options: InjectOptions = { method: route.method as 'GET', url, headers: { ...extra } }
      if (body !== null) {
        options.payload = body
        if (type !== undefined) (options.headers as Record<string, string>)['content-type'] = type
      }
      const res = await app.inject(options)
      checkAnswer(res, `${route.method} ${url} ${body?.slice(0, 200) ?? ''}`)
      if (res.statusCode === 200) check(res.json().status === 200 && 'result' in res.json(), 'a 200 without {status, result}', res)
    }), params(250))
  statusTally(t)
  await settle(app)
})

t.test('POST /_sandbox/verifications/:token/complete: random inline scenarios finish the session or change nothing', async t => {
  const { app } = await buildTestApp(t)
  const threshold = app.config.facePassThreshold
  const kinds = [
    { id_type: 'ID_CARD', id_country: 'MYS', type: '00' },
    { id_type: 'ID_CARD', id_country: 'MYS', type: '01' },
    { id_type: 'PASSPORT', id_country: 'SGP', type: '00' }
  ]
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...kinds), fc.oneof({ weight: 3, arbitrary: inlineScenario }, { weight: 1, arbitrary: validInline }, { weight: 1, arbitrary: hostileValue }),
    async (kind, scenario) => {
      const token = await createSession(app, kind)
      const before = JSON.stringify(await app.store.get(token))
      const payload = JSON.stringify(scenario) ?? 'null'
      const res = await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, headers: { 'content-type': 'application/json' }, payload })
      checkAnswer(res, `complete ${payload.slice(0, 300)}`)
      if (res.statusCode !== 200) {
        check(JSON.stringify(await app.store.get(token)) === before, `complete answered ${res.statusCode} but the session changed`, res)
        return
      }
      const result = res.json().result
      check(result.finished === true || result.expired === true, 'a 200 complete left the session open', res)
      // What a 200 was given must have been a valid inline scenario (or a catalogue name), for this session.
      const sent = JSON.parse(payload)
      if (typeof sent.scenario === 'string' && Object.keys(sent).length === 1) return
      check(checkInline.Check(sent), 'complete accepted a body outside the inline schema', res)
      check(scenarioProblems(sent, threshold).length === 0, 'complete accepted an inline scenario that breaks the rules', res)
    }), params(250))
  statusTally(t)
  await settle(app)
})

t.test('POST /_sandbox/verifications/:token/complete: a valid inline scenario for the session\'s kind is accepted', async t => {
  const { app } = await buildTestApp(t)
  const threshold = app.config.facePassThreshold
  await fc.assert(fc.asyncProperty(
    validInline, fc.constantFrom('ID_CARD', 'PASSPORT'), fc.constantFrom('00', '01'),
    async (scenario, anyKind, anyType) => {
      const sent = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>
      check(checkInline.Check(sent), `the generator made a scenario outside the schema: ${JSON.stringify(sent)}`)
      // A Success under the threshold is a failed attempt, so a pass may follow it in the generator's eyes only.
      fc.pre(scenarioProblems(sent, threshold).length === 0)
      const idType = (sent.document as { id_type?: string } | undefined)?.id_type ?? anyKind
      const type = (sent.type as string | undefined) ?? (sent.face === undefined ? anyType : '00')
      // Only what fits the session is valid for it: its OCR engine's own codes (test/sandbox/complete-fit covers refusals).
      fc.pre(fitProblems(sent, { type: type as '00' | '01', idType: idType as 'ID_CARD' | 'PASSPORT' }, threshold).length === 0)
      const token = await createSession(app, { id_type: idType, id_country: idType === 'ID_CARD' ? 'MYS' : 'GBR', type })
      const res = await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, payload: sent })
      checkAnswer(res, `complete ${JSON.stringify(sent)}`)
      check(res.statusCode === 200, 'a valid inline scenario was refused', res)
      const { result } = res.json()
      check(result.finished === true || (sent.expire === true && result.expired === true), 'a valid complete left the session open', res)
    }), params(150))
  statusTally(t)
})

t.test('POST /_sandbox/*: an unknown top-level field named like an Object.prototype member is a 422 naming it', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const bodies = [
    { url: '/_sandbox/clock', body: { reset: true } },
    { url: '/_sandbox/arm', body: { scenario: 'pass' } },
    { url: '/_sandbox/faults', body: { route: 'get', status: 503 } },
    { url: `/_sandbox/verifications/${token}/complete`, body: { scenario: 'pass' } }
  ]
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...bodies), fc.constantFrom(...PROTO_KEYS.filter(k => k !== '__proto__')), hostileValue,
    async ({ url, body }, key, value) => {
      const payload = JSON.stringify({ ...body, [key]: value })
      const before = JSON.stringify([await app.store.get(token), await app.arming.arms(), await app.faults.list(), app.clock.now()])
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })
      checkAnswer(res, `POST ${url} ${payload}`)
      check(res.statusCode === 422 || res.statusCode === 400, `an unknown field "${key}" answered ${res.statusCode}`, res)
      check(JSON.stringify([await app.store.get(token), await app.arming.arms(), await app.faults.list(), app.clock.now()]) === before, 'a refused request changed the state', res)
    }), params(60))
  statusTally(t)
})

t.test('POST /_sandbox/faults: faults the test arms fail exactly the calls they match, in the real envelope (a 429 as production\'s limiter), and nothing else', async t => {
  const { app } = await buildTestApp(t)
  const fault = fc.record({
    route: fc.constantFrom('create', 'get', 'page'),
    status: fc.constantFrom(...FAULT_STATUSES),
    count: fc.integer({ min: 1, max: 3 }),
    client_id: fc.option(fc.constantFrom('merchant-a', 'merchant-b'), { nil: undefined })
  }, { requiredKeys: ['route', 'status', 'count'] })
  type Call = { route: 'create' | 'get' | 'page', who: 'a' | 'b' | 'none' }
  const call = fc.record({ route: fc.constantFrom('create', 'get', 'page'), who: fc.constantFrom('a', 'b', 'none') }) as fc.Arbitrary<Call>
  const who = { a: CREDENTIALS, b: { client_id: 'merchant-b', client_secret: 'sk_test_b' }, none: {} }
  await fc.assert(fc.asyncProperty(
    fc.array(fault, { minLength: 1, maxLength: 3 }), fc.array(call, { minLength: 1, maxLength: 8 }),
    async (faults, calls) => {
      await app.inject({ method: 'DELETE', url: '/_sandbox/faults' })
      const token = await createSession(app)
      // The model: faults oldest first, one use per matching call.
      const model = faults.filter(f => !(f.route === 'page' && f.client_id !== undefined)).map(f => ({ ...f }))
      for (const f of faults) {
        const res = await app.inject({ method: 'POST', url: '/_sandbox/faults', payload: f })
        checkAnswer(res, `arm fault ${JSON.stringify(f)}`)
        check(res.statusCode === (f.route === 'page' && f.client_id !== undefined ? 422 : 200), 'arming a fault answered unexpectedly', res)
      }
      for (const c of calls) {
        const clientId = c.who === 'a' ? 'merchant-a' : c.who === 'b' ? 'merchant-b' : null
        // Faults for any caller act before authentication; a client's fault once the call is authenticated as it.
        let index = model.findIndex(f => f.route === c.route && f.client_id === undefined)
        if (index === -1 && clientId !== null && c.route !== 'page') index = model.findIndex(f => f.route === c.route && f.client_id === clientId)
        const expected = index === -1 ? null : model[index].status
        if (index !== -1 && --model[index].count === 0) model.splice(index, 1)
        const options: InjectOptions = c.route === 'create'
          ? { method: 'POST', url: '/api/ekyc/verifications', headers: who[c.who], payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://merchant.example/r' } }
          : c.route === 'get'
            ? { method: 'GET', url: `/api/ekyc/verifications/${token}`, headers: who[c.who] }
            : { method: 'GET', url: `/verifications?token=${token}` }
        const res = await app.inject(options)
        const what = `${c.route} as ${c.who} with faults ${JSON.stringify(faults)}`
        if (expected === null) {
          checkAnswer(res, what, { page: c.route === 'page' })
          if (c.route !== 'page') check(res.statusCode === (c.who === 'none' ? 401 : c.route === 'get' && c.who === 'b' ? 404 : 200), `${what}: no fault should have acted`, res)
        } else {
          check(res.statusCode === expected, `${what}: expected the armed ${expected}`, res)
          checkAnswer(res, what, { page: c.route === 'page', armed: expected })
        }
      }
      const left = (await app.inject({ method: 'GET', url: '/_sandbox/faults' })).json().result as Array<{ remaining: number }>
      check(left.length === model.length && left.every((f, i) => f.remaining === model[i].count), `faults left ${JSON.stringify(left)} differ from the model ${JSON.stringify(model)}`)
    }), params(120))
  statusTally(t)
  await settle(app)
})

t.test('POST /_sandbox/clock: hostile bodies never move the clock unless they are one valid action', async t => {
  const { app } = await buildTestApp(t)
  await fc.assert(fc.asyncProperty(
    controlBody, contentType,
    async (body, type) => {
      const before = app.clock.now()
      const payload = JSON.stringify(body) ?? ''
      const res = await app.inject({ method: 'POST', url: '/_sandbox/clock', headers: type === undefined ? {} : { 'content-type': type }, payload })
      checkAnswer(res, `clock ${payload.slice(0, 200)}`)
      if (res.statusCode !== 200) check(app.clock.now() === before, `clock answered ${res.statusCode} but moved`, res)
      else check(res.json().result.now === new Date(app.clock.now()).toISOString(), 'clock answer differs from the clock', res)
      await app.inject({ method: 'POST', url: '/_sandbox/clock', payload: { reset: true } })
    }), params(200))
  statusTally(t)
  await settle(app)
})

// Only a valid request changes a session: batches of invalid ones leave every session byte-identical.
import fc from 'fast-check'
import t from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { FACE_CODE_LIST } from '../../src/domain/face-codes.js'
import { OCR_CODES } from '../../src/domain/ocr-codes.js'
import { buildTestApp, CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import {
  check, checkAlive, checkAnswer, headerValue, hostileString, hostileValue, inlineScenario, isPagePath, params, statusTally, validHeader
} from './fuzz-helpers.js'

const ADMIN = { 'x-sandbox-admin-token': 'admin-secret' }
const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }
const ENV = { SANDBOX_ADMIN_TOKEN: 'admin-secret', EKYC_CLIENTS: 'merchant-a:sk_test_a,merchant-b:sk_test_b' }

interface Sessions {
  /** ID_CARD 00, untouched. */ fresh: string
  /** PASSPORT 00, untouched. */ passport: string
  /** ID_CARD 01, one failed OCR attempt played on the page. */ started: string
  /** Completed with `pass`. */ finished: string
  /** Expired through the control plane. */ expired: string
  /** merchant-b's, untouched. */ theirs: string
}
type Which = keyof Sessions
const WHICH: Which[] = ['fresh', 'passport', 'started', 'finished', 'expired', 'theirs']

async function ok (app: FastifyInstance, options: InjectOptions): Promise<string> {
  const res = await app.inject(options)
  if (res.statusCode >= 400) throw new Error(`setup ${options.method} ${options.url} failed: ${res.statusCode} ${res.body}`)
  return res.body
}

async function setUp (app: FastifyInstance): Promise<Sessions> {
  const create = async (body: object, creds: Record<string, string> = CREDENTIALS): Promise<string> =>
    JSON.parse(await ok(app, { method: 'POST', url: '/api/ekyc/verifications', headers: creds, payload: { ...VALID_BODY, ...body } })).result.token
  const s: Sessions = {
    fresh: await create({}),
    passport: await create({ id_type: 'PASSPORT', id_country: 'AUS' }),
    started: await create({ type: '01' }),
    finished: await create({}),
    expired: await create({}),
    theirs: await create({}, OTHER)
  }
  await ok(app, { method: 'POST', url: `/verifications?token=${s.started}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'action=ocr&code=9108&at=0-0' })
  await ok(app, { method: 'POST', url: `/_sandbox/verifications/${s.finished}/complete`, headers: ADMIN, payload: { scenario: 'pass' } })
  await ok(app, { method: 'POST', url: `/_sandbox/verifications/${s.expired}/expire`, headers: ADMIN })
  return s
}

/** Everything an invalid request must leave alone, as text. */
async function snapshot (app: FastifyInstance, s: Sessions): Promise<string> {
  const views = await Promise.all(WHICH.map(w => app.inject({ method: 'GET', url: `/_sandbox/verifications/${s[w]}`, headers: ADMIN }).then(r => r.body)))
  return JSON.stringify({
    views,
    stored: await Promise.all(WHICH.map(w => app.store.get(s[w]))),
    size: await app.store.size(),
    arms: await app.arming.arms(),
    faults: await app.faults.list(),
    now: app.clock.now()
  })
}

const unknownScenario = fc.oneof(hostileString, fc.stringMatching(/^[a-z-]{1,20}$/)).filter(n => !['pass', 'expired'].includes(n) && !/^(pass|fail|abandon)/.test(n))
/** `at` values: the page's state stamps (ocr attempts-face attempts) and junk; a stale one changes nothing. */
const STAMPS = ['0-0', '1-0', '2-0', '0-1', '1-1', '3-2', '', 'x', '<script>']
const form = (token: string, body: string, type = 'application/x-www-form-urlencoded'): InjectOptions =>
  ({ method: 'POST', url: `/verifications?token=${token}`, headers: { 'content-type': type }, payload: body })

/** One invalid request, by construction, against one of the sessions (as a function of the app's state). */
type Invalid = (s: Sessions, app: FastifyInstance) => InjectOptions | Promise<InjectOptions>
interface Case { label: string, build: Invalid }
/** A case prints as its label in counterexamples. */
const kase = (label: string, build: Invalid): Case => ({ label, build, [fc.toStringMethod]: () => JSON.stringify(label) }) as Case

const invalid: fc.Arbitrary<Case> = fc.oneof(
  // API: no or wrong credentials, whatever else is right.
  fc.tuple(fc.constantFrom<Record<string, string>>({}, { client_id: 'merchant-a' }, { client_secret: 'sk_test_a' }, { client_id: 'merchant-a', client_secret: 'wrong' }, { client_id: 'merchant-c', client_secret: 'sk_test_a' }, { client_id: '', client_secret: '' }),
    fc.boolean(), fc.constantFrom(...WHICH)).map(([creds, create, w]) => kase(`api with credentials ${JSON.stringify(creds)}`, (s: Sessions) => create
    ? { method: 'POST', url: '/api/ekyc/verifications', headers: { ...creds, 'x-sandbox-scenario': 'pass' }, payload: VALID_BODY }
    : { method: 'GET', url: `/api/ekyc/verifications/${s[w]}`, headers: creds })),
  // API: a body missing a field, or an unknown scenario header.
  fc.tuple(fc.constantFrom('type', 'id_country', 'id_type', 'redirect_url'), hostileValue).map(([field, value]) =>
    kase(`create without a valid ${field}`, () => ({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: JSON.stringify({ ...VALID_BODY, [field]: typeof value === 'string' ? `javascript:${value}` : [value] }) }))),
  unknownScenario.filter(n => validHeader('x-sandbox-scenario', n)).map(name =>
    kase(`create with X-Sandbox-Scenario ${JSON.stringify(name)}`, () => ({ method: 'POST', url: '/api/ekyc/verifications', headers: { ...CREDENTIALS, 'x-sandbox-scenario': name }, payload: VALID_BODY }))),
  // API: another organisation's session.
  fc.constantFrom(...WHICH.filter(w => w !== 'theirs')).map(w => kase(`GET ${w} as merchant-b`, (s: Sessions) => ({ method: 'GET', url: `/api/ekyc/verifications/${s[w]}`, headers: OTHER }))),
  // Page: an unknown scenario.
  fc.tuple(fc.constantFrom(...WHICH), unknownScenario).map(([w, name]) =>
    kase(`page ${w} with scenario ${JSON.stringify(name)}`, (s: Sessions) => ({ method: 'GET', url: `/verifications?token=${s[w]}&scenario=${encodeURIComponent(name.replace(/[\ud800-\udfff]/g, ''))}` }))),
  // Page forms: stale, unknown fields, bad codes, repeated fields, a face before its OCR, too large, not a form.
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('give-up', 'expire', 'scenario&scenario=pass', 'ocr&code=Success', 'face&code=Success'), fc.nat()).map(([w, action, pick]) =>
    kase(`stale form on ${w}: ${action}`, async (s: Sessions, app: FastifyInstance) => {
      const v = (await app.store.get(s[w]))!
      const stale = STAMPS.filter(a => a !== `${v.ocrAttempts.length}-${v.faceAttempts.length}`)
      return form(s[w], `action=${action}&at=${encodeURIComponent(stale[pick % stale.length])}`)
    })),
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('give-up', 'expire', 'scenario&scenario=pass'), fc.constantFrom('token', 'evil', 'constructor', '__proto__', 'Action', 'action[]'), fc.string({ maxLength: 10 })).map(([w, action, key, value]) =>
    kase(`form on ${w} with unknown field ${key}`, (s: Sessions) => form(s[w], `action=${action}&${encodeURIComponent(key)}=${encodeURIComponent(value)}`))),
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('ocr', 'face'), fc.oneof(hostileString, fc.constantFrom('success', ' Success', '9109', 'FailedOperation'))).filter(([, , c]) => !(OCR_CODES as string[]).includes(c) && !(FACE_CODE_LIST as string[]).includes(c)).map(([w, action, code]) =>
    kase(`form on ${w}: ${action} with code ${JSON.stringify(code)}`, (s: Sessions) => form(s[w], `action=${action}&code=${encodeURIComponent(code.replace(/[\ud800-\udfff]/g, ''))}`))),
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('action=give-up&action=give-up', 'action=give-up&action=expire', 'action=GIVE-UP', 'action=', 'action=give-up%00', 'at=0-0', 'action=face&code=Success&sim=96', 'action=scenario', 'action=scenario&scenario=', 'action=face&code=Success&sim=101', 'action=ocr&code=Success&card_type=NOPE', 'action=ocr&code=Success&passport_expired=true')).map(([w, body]) =>
    kase(`form on ${w}: ${body}`, (s: Sessions) => form(s[w], body))),
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json')).map(([w, type]) =>
    kase(`form on ${w} as ${type}`, (s: Sessions) => form(s[w], type === 'application/json' ? '{"action":' : 'action=give-up', type))),
  fc.constantFrom(...WHICH).map(w => kase(`huge form on ${w}`, (s: Sessions) => form(s[w], `action=give-up&scenario=${'a'.repeat(17 * 1024)}`))),
  // Control plane: no or wrong admin token, even for requests that would otherwise be valid and destructive.
  fc.tuple(fc.constantFrom<Record<string, string>>({}, { 'x-sandbox-admin-token': '' }, { 'x-sandbox-admin-token': 'admin-secret ' }, { 'x-sandbox-admin-token': 'ADMIN-SECRET' }, { 'x-sandbox-admin-token': 'admin' }),
    fc.constantFrom(...WHICH), fc.constantFrom('state', 'complete', 'expire', 'clock', 'arm', 'faults', 'list')).map(([headers, w, what]) =>
    kase(`${what} with admin headers ${JSON.stringify(headers)}`, (s: Sessions) => {
      switch (what) {
        case 'state': return { method: 'DELETE', url: '/_sandbox/state', headers }
        case 'complete': return { method: 'POST', url: `/_sandbox/verifications/${s[w]}/complete`, headers, payload: { scenario: 'pass' } }
        case 'expire': return { method: 'POST', url: `/_sandbox/verifications/${s[w]}/expire`, headers }
        case 'clock': return { method: 'POST', url: '/_sandbox/clock', headers, payload: { advance_seconds: 3600 } }
        case 'arm': return { method: 'POST', url: '/_sandbox/arm', headers, payload: { scenario: 'pass' } }
        case 'faults': return { method: 'POST', url: '/_sandbox/faults', headers, payload: { route: 'get', status: 500 } }
        default: return { method: 'GET', url: '/_sandbox/verifications', headers }
      }
    })),
  // Control plane: complete with a broken inline scenario, an unknown name, both, or for the wrong session.
  fc.tuple(fc.constantFrom(...WHICH), inlineScenario, fc.constantFrom('extra', 'badCode', 'expireAndPlay', 'faceFirst', 'both', 'simRange', 'name')).map(([w, base, how]) =>
    kase(`complete ${w} broken by ${how}`, (s: Sessions) => {
      const body: Record<string, unknown> = { ...base }
      switch (how) {
        case 'extra': body.secnario = 'pass'; break
        case 'badCode': body.ocr = { attempts: [{ code: 'Succes' }] }; break
        case 'expireAndPlay': body.expire = true; body.ocr = { attempts: [{ code: 'Success' }] }; break
        case 'faceFirst': delete body.expire; body.ocr = { attempts: [{ code: '9108' }] }; body.face = { attempts: [{ code: 'Success', sim: 99 }] }; break
        case 'both': body.scenario = 'pass'; body.title = 'x'; break
        case 'simRange': delete body.expire; body.ocr = { attempts: [{ code: 'Success' }] }; body.face = { attempts: [{ code: 'Success', sim: 100.5 }] }; break
        case 'name': return { method: 'POST', url: `/_sandbox/verifications/${s[w]}/complete`, headers: ADMIN, payload: { scenario: 'no-such-scenario' } }
      }
      return { method: 'POST', url: `/_sandbox/verifications/${s[w]}/complete`, headers: { ...ADMIN, 'content-type': 'application/json' }, payload: JSON.stringify(body) }
    })),
  fc.tuple(fc.constantFrom<Which>('fresh', 'started', 'finished', 'expired', 'theirs'), fc.constantFrom('pass-passport', 'pass')).map(([w, name]) =>
    kase(`complete ${w} with ${name}, for another kind or on a closed/started session`, (s: Sessions) => ({
      method: 'POST', url: `/_sandbox/verifications/${s[w]}/complete`, headers: ADMIN,
      payload: w === 'fresh' || w === 'theirs' ? { scenario: 'pass-passport' } : { scenario: name }
    }))),
  fc.constant(kase('complete passport with an ID_CARD inline scenario', (s: Sessions) => ({ method: 'POST', url: `/_sandbox/verifications/${s.passport}/complete`, headers: ADMIN, payload: { document: { id_type: 'ID_CARD' }, ocr: { attempts: [{ code: 'Success' }] } } }))),
  fc.constant(kase('complete fresh (type 00) with a type 01 inline scenario', (s: Sessions) => ({ method: 'POST', url: `/_sandbox/verifications/${s.fresh}/complete`, headers: ADMIN, payload: { type: '01', ocr: { attempts: [{ code: 'Success' }] } } }))),
  // Control plane: unknown tokens, bad arms, faults, clock moves and filters.
  fc.tuple(fc.constantFrom(...WHICH), fc.constantFrom('', 'x', '%20', '/..')).map(([w, suffix]) =>
    kase(`expire ${w} with a token suffix ${suffix}`, (s: Sessions) => ({ method: 'POST', url: `/_sandbox/verifications/${s[w].toLowerCase()}${suffix}/expire`, headers: ADMIN }))),
  fc.constantFrom<unknown>({ scenario: 'nope' }, { scenario: 'pass', count: 0 }, { scenario: 'pass', count: 1.5 }, { scenario: 'pass', count: '1' }, { scenario: 'pass', client_id: '' }, { scenario: 'pass', extra: 1 }, { scenario: ['pass'] }, {}, [], 'pass', null)
    .map(body => kase(`arm ${JSON.stringify(body)}`, () => ({ method: 'POST', url: '/_sandbox/arm', headers: { ...ADMIN, 'content-type': 'application/json' }, payload: JSON.stringify(body) }))),
  fc.constantFrom<unknown>({ route: 'get' }, { route: 'get', status: 200 }, { route: 'nope', status: 500 }, { route: 'page', status: 500, client_id: 'merchant-a' }, { route: 'get', status: '500' }, { route: 'get', latency_ms: -1 }, { route: 'get', latency_ms: 60_001 }, { route: 'get', status: 503, count: 0 }, { route: 'get', status: 503, extra: true }, { route: 'get', status: 503, client_id: '' })
    .map(body => kase(`fault ${JSON.stringify(body)}`, () => ({ method: 'POST', url: '/_sandbox/faults', headers: ADMIN, payload: body as object }))),
  fc.constantFrom<unknown>({}, { advance_seconds: 1, reset: true }, { advance_seconds: '60' }, { advance_seconds: 1e12 }, { advance_seconds: -1e9 }, { set: 'yesterday' }, { set: '10000-01-01T00:00:00Z' }, { set: '1969-12-31T23:59:59Z' }, { reset: false }, { set: '2025-02-01T00:00:00Z', advance_seconds: 0 }, { advance_seconds: null })
    .map(body => kase(`clock ${JSON.stringify(body)}`, () => ({ method: 'POST', url: '/_sandbox/clock', headers: ADMIN, payload: body as object }))),
  fc.tuple(fc.constantFrom('/_sandbox/state', '/_sandbox/faults'), fc.constantFrom('client_id=', `client_id=${'x'.repeat(256)}`, 'client_id=merchant-a&client_id=merchant-b')).map(([path, query]) =>
    kase(`DELETE ${path}?${query.slice(0, 40)}`, () => ({ method: 'DELETE', url: `${path}?${query}`, headers: ADMIN }))),
  headerValue.map(token => kase(`control with admin token ${JSON.stringify(token)}`, () => ({ method: 'DELETE', url: '/_sandbox/state', headers: { 'x-sandbox-admin-token': token === 'admin-secret' ? 'admin-secret!' : token } })))
)

t.test('batches of invalid requests leave every session, the arms, the faults and the clock byte-identical', async t => {
  const { app } = await buildTestApp(t, ENV)
  await fc.assert(fc.asyncProperty(
    fc.array(invalid, { minLength: 1, maxLength: 8 }),
    async batch => {
      // Fresh sessions for every run, so a shrunk counterexample replays on the state it broke.
      await ok(app, { method: 'DELETE', url: '/_sandbox/state', headers: ADMIN })
      const sessions = await setUp(app)
      const before = await snapshot(app, sessions)
      for (const { label, build } of batch) {
        const options = await build(sessions, app)
        const size = await app.store.size()
        const res = await app.inject(options)
        const page = isPagePath(options.url as string, options.method as string)
        checkAnswer(res, label, { page })
        if (page) check(res.statusCode >= 400 || res.statusCode === 303, `${label}: answered ${res.statusCode}`, res)
        else check(res.statusCode >= 400, `${label}: an invalid request answered ${res.statusCode}`, res)
        check(await app.store.size() === size, `${label}: the store size changed`, res)
      }
      const after = await snapshot(app, sessions)
      check(after === before, `the batch ${JSON.stringify(batch.map(b => b.label))} changed the state`)
    }), params(100))
  statusTally(t)
  await checkAlive(app)
})

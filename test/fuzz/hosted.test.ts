// Property-based fuzzing of the hosted page: GET /verifications (query) and POST /verifications (forms).
import fc from 'fast-check'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { FACE_CODE_LIST } from '../../src/domain/face-codes.js'
import { OCR_CODES } from '../../src/domain/ocr-codes.js'
import { CARD_TYPES } from '../../src/domain/identity/types.js'
import { buildTestApp, createSession } from '../helpers/app.js'
import { merchantReturn } from '../hosted/page-helpers.js'
import {
  check, checkAlive, checkAnswer, statusTally, contentType, extraHeaders, HIJACK_KEYS, hijackQuery, hostileString, params, pathSegment, queryString, XSS
} from './fuzz-helpers.js'

type TokenChoice = 'fresh' | 'passport' | 'finished' | 'started' | 'expired' | 'random'
const tokenChoice = fc.constantFrom<TokenChoice>('fresh', 'passport', 'finished', 'started', 'expired', 'random')

/** A session in the state asked for; `random` gives a hostile token instead. */
async function tokenFor (app: FastifyInstance, choice: TokenChoice, random: string): Promise<string> {
  if (choice === 'random') return random
  const token = await createSession(app, choice === 'passport' ? { id_type: 'PASSPORT', id_country: 'SGP' } : {})
  if (choice === 'finished') await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, payload: { scenario: 'pass' } })
  if (choice === 'expired') await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/expire` })
  if (choice === 'started') await app.inject({ method: 'POST', url: `/verifications?token=${token}`, payload: 'action=ocr&code=9108&at=0-0', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  return token
}

const scenarioName = fc.oneof(
  fc.constantFrom('pass', 'pass-passport', 'pass-ocr-only', 'expired', 'fail-ocr-blurry', 'abandon-before-face', 'PASS', 'pass ', 'pass\u0000'),
  hostileString
)

/** A 303 goes to the stored redirect_url with is_success 0 or 1, or back to the page: nowhere else. */
function checkLocation (location: unknown, token: string, what: string): void {
  check(typeof location === 'string' && location.length > 0, `${what}: 303 without a Location`)
  check(!/[\r\n]/.test(location), `${what}: Location carries a line break`)
  const allowed = [merchantReturn(0), merchantReturn(1), `?token=${token}`]
  check(allowed.includes(location), `${what}: 303 to an unexpected place: ${location}`)
}

t.test('GET /verifications: hostile query strings never give a 5xx, a JSON error or echoed markup', async t => {
  const { app } = await buildTestApp(t)
  await fc.assert(fc.asyncProperty(
    tokenChoice, pathSegment, fc.option(scenarioName), queryString, extraHeaders, fc.boolean(),
    async (choice, random, scenario, rest, extra, repeatToken) => {
      const token = await tokenFor(app, choice, random)
      const parts = [`token=${choice === 'random' ? token : encodeURIComponent(token)}`]
      if (repeatToken) parts.push(`token=${encodeURIComponent(random)}`)
      if (scenario !== null) parts.push(`scenario=${encodeURIComponent(scenario.replace(/[\ud800-\udfff]/g, ''))}`)
      if (rest !== '') parts.push(rest)
      const url = `/verifications?${parts.join('&')}`
      const res = await app.inject({ method: 'GET', url, headers: extra })
      checkAnswer(res, `GET ${url}`, { page: true })
      if (res.statusCode === 303) checkLocation(res.headers.location, token, `GET ${url}`)
    }), params(200))
  statusTally(t)
  await checkAlive(app)
})

t.test('GET and POST /verifications: hijack keys in the query never move a 303 off the stored redirect_url', async t => {
  const { app } = await buildTestApp(t)
  await fc.assert(fc.asyncProperty(
    fc.constantFrom('GET', 'POST'), fc.constantFrom('pass', 'fail-ocr-blurry', 'expired', 'abandon-before-face', null), hijackQuery, fc.boolean(),
    async (method, scenario, hijack, hijackFirst) => {
      const token = await createSession(app)
      const own = method === 'GET' && scenario !== null ? [`scenario=${scenario}`] : []
      const query = [`token=${token}`, ...(hijackFirst ? [hijack, ...own] : [...own, hijack])].join('&')
      const form = scenario === null ? 'action=give-up' : `action=scenario&scenario=${scenario}`
      const res = method === 'GET'
        ? await app.inject({ method: 'GET', url: `/verifications?${query}` })
        : await app.inject({ method: 'POST', url: `/verifications?${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form })
      const what = `${method} ${query}`
      checkAnswer(res, what, { page: true })
      const opensPage = method === 'GET' && scenario === null
      check(res.statusCode === (opensPage ? 200 : 303), `${what}: answered ${res.statusCode}`)
      if (!opensPage) checkLocation(res.headers.location, token, what)
      check(!res.body.includes('evil.example'), `${what}: the page links to the hijack`)
    }), params(100))
  statusTally(t)
})

t.test('GET /verifications: a raw query of percent-encoded garbage never gives a 5xx or a JSON error', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await fc.assert(fc.asyncProperty(
    fc.oneof(queryString, fc.stringMatching(/^[A-Za-z0-9%=&;+?#[\]._~-]{0,60}$/), fc.constant(`token=${token}`).chain(q => fc.tuple(fc.constant(q), queryString).map(([a, b]) => `${a}&${b}`)), fc.constantFrom(`token=${token}%`, `token=${token}&scenario=%E0%A4%A`, `token=%${token}`, 'token', 'token=', '=', '&&&', `token=${token}&scenario=`, `token[]=${token}`, `token=${token.slice(1)}`)),
    fc.constantFrom('GET', 'HEAD'),
    async (query, method) => {
      const url = `/verifications?${query}`
      const res = await app.inject({ method: method as 'GET', url })
      checkAnswer(res, `${method} ${url}`, { page: true, method })
    }), params(200))
  statusTally(t)
  await checkAlive(app)
})

const formValue = fc.oneof(
  fc.constantFrom('scenario', 'ocr', 'face', 'give-up', 'expire', '0-0', '1-0', '2-0', '3-1', '1', '0', '', '100', '69.99', '1e2', '-1', ' 70 ', '0x10'),
  fc.constantFrom(...OCR_CODES, ...FACE_CODE_LIST.slice(0, 6), ...CARD_TYPES, 'pass', 'expired'),
  hostileString
)
const formKey = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('action', 'at', 'scenario', 'code', 'sim', 'card_type', 'passport_expired') },
  { weight: 1, arbitrary: fc.constantFrom('token', '__proto__', 'constructor', 'action[]', 'Action', '', ...HIJACK_KEYS) },
  { weight: 1, arbitrary: hostileString }
)
/** A form the page itself could have rendered, with one value possibly off. */
const plausibleForm = fc.record({
  action: fc.constantFrom('scenario', 'ocr', 'face', 'give-up', 'expire'),
  at: fc.constantFrom('0-0', '1-0', '1-1', '2-0', 'x'),
  scenario: fc.constantFrom('pass', 'pass-passport', 'expired', 'nope', '<script>alert(1)</script>'),
  code: fc.constantFrom(...OCR_CODES, ...FACE_CODE_LIST, '"><img src=x onerror=alert(1)>'),
  sim: fc.constantFrom('', '96.4', '70', '69.99', '101', 'abc', '1e2', ' 80 '),
  card_type: fc.constantFrom(...CARD_TYPES, 'BOGUS'),
  passport_expired: fc.constantFrom('1', '0')
}, { requiredKeys: ['action'] }).map(form => new URLSearchParams(form as Record<string, string>).toString())

/** A urlencoded body: pairs encoded properly, or raw with percent garbage. */
const formBody = fc.oneof(
  { weight: 4, arbitrary: plausibleForm },
  { weight: 4, arbitrary: fc.array(fc.tuple(formKey, formValue), { maxLength: 6 }).map(pairs => pairs.map(([k, v]) => `${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, ''))}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`).join('&')) },
  { weight: 1, arbitrary: fc.array(fc.tuple(formKey, pathSegment), { maxLength: 4 }).map(pairs => pairs.map(([k, v]) => `${k}=${v}`).join('&')) },
  { weight: 1, arbitrary: fc.constantFrom('action=give-up&action=ocr', 'action=ocr&code=Success&code=9108', '%', '=&=&', 'a'.repeat(17 * 1024), 'action=scenario&scenario=' + encodeURIComponent(XSS[0])) }
)

t.test('POST /verifications: hostile forms never give a 5xx, a JSON error or echoed markup', async t => {
  const { app } = await buildTestApp(t)
  await fc.assert(fc.asyncProperty(
    tokenChoice, pathSegment, formBody, fc.oneof({ weight: 4, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: contentType }), fc.oneof(fc.constant(''), queryString),
    async (choice, random, body, type, rest) => {
      const token = await tokenFor(app, choice, random)
      const url = `/verifications?token=${choice === 'random' ? token : encodeURIComponent(token)}${rest === '' ? '' : `&${rest}`}`
      const headers: Record<string, string> = {}
      if (type !== undefined) headers['content-type'] = type
      const res = await app.inject({ method: 'POST', url, headers, payload: body })
      checkAnswer(res, `POST ${url} ${body.slice(0, 200)}`, { page: true })
      if (res.statusCode === 303) checkLocation(res.headers.location, token, `POST ${url}`)
    }), params(200))
  statusTally(t)
  await checkAlive(app)
})

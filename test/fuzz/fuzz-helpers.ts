// Shared pieces of the fuzz tests: hostile generators, the envelope oracle, liveness checks.
import { validateHeaderName, validateHeaderValue } from 'node:http'
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { FACE_CODE_LIST } from '../../src/domain/face-codes.js'
import { OCR_CODES } from '../../src/domain/ocr-codes.js'
import { CARD_TYPES } from '../../src/domain/identity/types.js'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { assertRecordTypes } from '../helpers/record-shape.js'

/** fast-check's own settings for every property here; FUZZ_RUNS / FUZZ_SEED override (CI, replays). */
export function params (numRuns: number): fc.Parameters<unknown> {
  const runs = process.env.FUZZ_RUNS === undefined ? numRuns : Number(process.env.FUZZ_RUNS)
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: false }
}

/** A failed check inside a property: thrown, so fast-check shrinks and prints seed + counterexample. */
export function check (condition: unknown, message: string, res?: LightMyRequestResponse): asserts condition {
  if (!condition) {
    const detail = res === undefined ? '' : ` [HTTP ${res.statusCode} ${String(res.headers['content-type'])}] ${res.body.slice(0, 600)}`
    throw new Error(message + detail)
  }
}

// ---------- hostile text ----------

export const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(document.domain)</script>',
  '<ScRiPt src=//evil.example></ScRiPt>',
  'javascript:alert(1)',
  '`${alert(1)}`',
  '<!--',
  ']]>',
  '&lt;script&gt;'
]

/** Names every plain object inherits: as JSON keys they are own fields, but `{}[name]` is not undefined. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__']

export const SPECIAL = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '', ' ', '\t', '\u0000', '\r\n', '\u202e', '\ufeff', '\ud800', '\uffff', '😀', '%', '%00', '%ZZ', '%E0%A4%A',
  '../../etc/passwd', '..%2F..%2F', 'null', 'undefined', 'NaN', 'true', '[]', '{}', '0', '-1', '1e309',
  'pass', 'Success', 'ID_CARD', 'MYS', '00', '01', '9108'
]

/** Strings a hostile client would send: unicode, control characters, markup, quotes, known words. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...XSS, ...SPECIAL) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...XSS), fc.string({ maxLength: 8 })).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map(n => 'A'.repeat(n)) }
)

/** A hostile key for objects: prototype-pollution keys among ordinary ones. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'scenario', 'name', 'ocr', 'face', 'attempts', 'code', 'sim', 'type', 'token', 'client_id'),
  fc.string({ maxLength: 12 })
)

/** Any JSON-ish value with hostile leaves and keys; `__proto__` becomes an own key (as JSON.parse makes it). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>(tie => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('v'), { maxKeys: 4 }).map(ownProtoKeys)
  )
})).v

/** Rebuilds an object so that a `__proto__` key is an own property, as JSON.parse would leave it. */
export function ownProtoKeys (o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true })
  return out
}

/** A raw payload: JSON text of a hostile value, broken JSON, or text. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  hostileValue.map(v => JSON.stringify(v) ?? 'null'),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{', '}', '{"a":', '[1,2', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
    '"just a string"', '123', 'null', 'true', '\u0000', '{"type":"00"}garbage', '\ufeff{}', '{"type":"00","type":"01"}'),
  fc.string({ unit: 'binary', maxLength: 80 })
)

// ---------- headers ----------

/** What Node itself lets a client send (light-my-request skips these checks). */
export function validHeader (name: string, value: string): boolean {
  try {
    validateHeaderName(name)
    validateHeaderValue(name, value)
    return true
  } catch {
    return false
  }
}

export const headerValue: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map(c => String.fromCharCode(c)), maxLength: 60 })
).filter(v => validHeader('x-test', v))

export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1',
  'application/x-www-form-urlencoded', 'text/plain', 'text/html', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/vnd.api+json', 'application/json-patch+json', ';;;', '*/*', 'application/', 'json'
]

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: headerValue }
)

/** Credential headers: the right ones, missing, empty, odd or repeated. */
export const credentials: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ ...CREDENTIALS }) },
  { weight: 2, arbitrary: fc.record({
    client_id: fc.oneof(fc.constant(CREDENTIALS.client_id), headerValue),
    client_secret: fc.oneof(fc.constant(CREDENTIALS.client_secret), headerValue)
  }, { requiredKeys: [] }) }
)

/** Extra request headers of any name (only ones Node would send). */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof(
    fc.constantFrom('x-sandbox-scenario', 'x-sandbox-admin-token', 'accept', 'accept-encoding', 'x-forwarded-for', 'x-forwarded-host', 'origin', 'cookie', 'x-http-method-override', 'transfer-encoding', 'expect'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
  ),
  headerValue,
  { maxKeys: 3 }
).map(h => Object.fromEntries(Object.entries(h).filter(([k, v]) => validHeader(k, v) && k !== 'transfer-encoding' && k !== 'content-length' && k !== 'host')))

// ---------- URL pieces ----------

/** Percent-encoded garbage, including broken escapes and encoded slashes. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  hostileString.map(s => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
  fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%2F', '%2e%2e', '..', '.', '%00', '%FF', '%u0041', '%%', ';', '*', '~'),
  fc.stringMatching(/^[A-Za-z0-9%._~-]{0,40}$/),
  fc.stringMatching(/^[0-9A-Z]{30}$/)
)

/** Query keys a page could be tricked into redirecting by (an open redirect), with values to match. */
export const HIJACK_KEYS = ['redirect_url', 'redirect', 'redirect_uri', 'return_url', 'next', 'url', 'is_success'] as const
const hijackValue = fc.constantFrom('https%3A%2F%2Fevil.example%2F', '%2F%2Fevil.example', 'https://evil.example/x', 'javascript:alert(1)', '1', '0')

export const queryString: fc.Arbitrary<string> = fc.array(
  fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom('token', 'scenario', 'client_id', 'limit', '__proto__', 'constructor', 'token[]', 'a'), pathSegment), pathSegment),
    fc.tuple(fc.constantFrom(...HIJACK_KEYS), fc.oneof(hijackValue, pathSegment))
  ),
  { maxLength: 4 }
).map(pairs => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

/** One to three hijack keys with URL-ish or garbage values, as a query string. */
export const hijackQuery: fc.Arbitrary<string> = fc.array(
  fc.tuple(fc.constantFrom(...HIJACK_KEYS), fc.oneof(hijackValue, pathSegment)),
  { minLength: 1, maxLength: 3 }
).map(pairs => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

// ---------- scenarios ----------

export const ocrAttempt = fc.record({ code: fc.constantFrom(...OCR_CODES) })
export const faceAttempt = fc.record({
  code: fc.constantFrom(...FACE_CODE_LIST),
  sim: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 100, noNaN: true }))
}).map(a => a.sim === undefined ? { code: a.code } : a)

/** Inline scenarios: mostly well-typed, often breaking the rules, sometimes hostile in any field. */
export const inlineScenario: fc.Arbitrary<Record<string, unknown>> = fc.record({
  name: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,20}$/), hostileString),
  title: hostileString,
  group: fc.oneof(fc.constantFrom('passes', 'document', 'face', 'other'), hostileString),
  description: hostileString,
  type: fc.oneof(fc.constantFrom('00', '01'), hostileValue),
  document: fc.oneof(
    fc.record({
      id_type: fc.constantFrom('ID_CARD', 'PASSPORT'),
      card_type: fc.constantFrom(...CARD_TYPES),
      passport_expired: fc.boolean()
    }, { requiredKeys: [] }),
    hostileValue
  ),
  ocr: fc.oneof(
    { weight: 4, arbitrary: fc.record({ attempts: fc.array(ocrAttempt, { maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ attempts: fc.array(fc.oneof(ocrAttempt, hostileValue), { maxLength: 4 }) }) },
    { weight: 1, arbitrary: hostileValue }
  ),
  face: fc.oneof(
    { weight: 4, arbitrary: fc.record({ attempts: fc.array(faceAttempt, { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ attempts: fc.array(fc.oneof(faceAttempt, fc.record({ code: fc.constantFrom(...FACE_CODE_LIST), sim: fc.oneof(fc.double(), hostileValue) })), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: hostileValue }
  ),
  expire: fc.oneof(fc.boolean(), hostileValue),
  scenario: fc.oneof(fc.constantFrom('pass', 'expired', 'pass-passport'), hostileString)
}, { requiredKeys: [] }).chain(scenario => fc.oneof(
  { weight: 6, arbitrary: fc.constant(scenario) },
  // Now and then an unknown field, a prototype-pollution key among them.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS, 'extra', 'Scenario', ''), hostileValue).map(([k, v]) => ownProtoKeys({ ...scenario, [k]: v })) }
))

/** A well-formed inline scenario by construction: fails before a pass, at most 3 OCR and 2 face attempts. */
export const validInline: fc.Arbitrary<Record<string, unknown>> = fc.record({
  ocrFails: fc.array(fc.constantFrom(...OCR_CODES.filter(c => c !== 'Success')), { maxLength: 3 }),
  ocrPass: fc.boolean(),
  faceFails: fc.array(fc.constantFrom(...FACE_CODE_LIST.filter(c => c !== 'Success')).map(code => ({ code })), { maxLength: 2 }),
  facePass: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
  idType: fc.option(fc.constantFrom('ID_CARD', 'PASSPORT')),
  cardType: fc.option(fc.constantFrom(...CARD_TYPES)),
  passportExpired: fc.option(fc.boolean()),
  type: fc.option(fc.constantFrom('00', '01')),
  expire: fc.boolean(),
  title: fc.option(hostileString.map(s => s.slice(0, 200))),
  description: fc.option(hostileString.map(s => s.slice(0, 2000)))
}).map(g => {
  const out: Record<string, unknown> = {}
  const ocr: Array<{ code: string }> = g.ocrFails.slice(0, g.ocrPass ? 2 : 3).map(code => ({ code }))
  if (g.ocrPass) ocr.push({ code: 'Success' })
  const playsFace = g.ocrPass && g.type !== '01'
  const face: Array<{ code: string, sim?: number }> = playsFace ? [...g.faceFails] : []
  if (playsFace && g.facePass !== null && face.length < 2) face.push({ code: 'Success', sim: g.facePass })
  if (g.expire) out.expire = true
  else {
    if (ocr.length > 0) out.ocr = { attempts: ocr }
    if (face.length > 0) out.face = { attempts: face }
  }
  if (g.type !== null) out.type = g.type
  if (g.idType !== null) {
    const document: Record<string, unknown> = { id_type: g.idType }
    if (g.idType === 'ID_CARD' && g.cardType !== null) document.card_type = g.cardType
    if (g.idType === 'PASSPORT' && g.passportExpired !== null) document.passport_expired = g.passportExpired
    out.document = document
  }
  if (g.title !== null) out.title = g.title
  if (g.description !== null) out.description = g.description
  return out
})

// ---------- oracles ----------

const ENVELOPE_KEYS = new Set(['status', 'message', 'errors'])

/**
 * The real error envelope, exactly: `{status, message[, errors]}`, status equal to the HTTP status,
 * a non-empty message, `errors` an object of string arrays.
 */
export function checkJsonError (res: LightMyRequestResponse, what: string): void {
  check(/^application\/json/.test(String(res.headers['content-type'])), `${what}: error answer is not JSON`, res)
  let body: unknown
  try {
    body = JSON.parse(res.body)
  } catch {
    check(false, `${what}: error body is not valid JSON`, res)
  }
  check(typeof body === 'object' && body !== null && !Array.isArray(body), `${what}: error body is not an object`, res)
  const o = body as Record<string, unknown>
  for (const key of Object.keys(o)) check(ENVELOPE_KEYS.has(key), `${what}: unexpected key "${key}" in the envelope`, res)
  check(o.status === res.statusCode, `${what}: envelope status ${String(o.status)} differs from HTTP ${res.statusCode}`, res)
  check(typeof o.message === 'string' && o.message.length > 0, `${what}: message is not a non-empty string`, res)
  if ('errors' in o) {
    const errors = o.errors
    check(typeof errors === 'object' && errors !== null && !Array.isArray(errors), `${what}: errors is not an object`, res)
    for (const [field, list] of Object.entries(errors as Record<string, unknown>)) {
      check(Array.isArray(list) && list.every(m => typeof m === 'string'), `${what}: errors.${field} is not an array of strings`, res)
    }
  }
}

/** The number of `<script` openings the page layout itself carries (its countdown script). */
export const LAYOUT_SCRIPTS = 1

/** A hosted-page answer: HTML for errors, and never markup copied from the request. */
export function checkHtml (res: LightMyRequestResponse, what: string): void {
  check(/^text\/html/.test(String(res.headers['content-type'])), `${what}: page answer is not HTML`, res)
  const scripts = res.body.match(/<script/gi)?.length ?? 0
  check(scripts === LAYOUT_SCRIPTS, `${what}: ${scripts} <script> openings in the page (the layout has ${LAYOUT_SCRIPTS})`, res)
  check(!/<img|<svg|<\/title>\s*<script/i.test(res.body), `${what}: markup from the request echoed unescaped`, res)
  check(!/<[a-z]+[^<>]*\son(error|load)\s*=/i.test(res.body), `${what}: event handler attribute echoed`, res)
}

const tally = new Map<number, number>()

/** The statuses seen since the last call (FUZZ_STATS=1 prints them): do the generators reach the handlers? */
export function statusTally (t: { comment: (...args: unknown[]) => void }): void {
  if (process.env.FUZZ_STATS !== undefined) t.comment(JSON.stringify(Object.fromEntries([...tally].sort((a, b) => a[0] - b[0]))))
  tally.clear()
}

/** No 5xx, and every error answer in the right form for where it came from. */
export function checkAnswer (res: LightMyRequestResponse, what: string, options: { page?: boolean, method?: string, armed?: number } = {}): void {
  tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1)
  // A 5xx only when the test itself armed a fault for it.
  check(res.statusCode < 500 || res.statusCode === options.armed, `${what}: server error`, res)
  if (options.method === 'HEAD') return
  if (options.page === true) {
    if (res.statusCode >= 400 || res.statusCode === 200) checkHtml(res, what)
    return
  }
  if (res.statusCode === 429) {
    // Production's limiter answers with its text alone (test/sandbox/rate-limit-express.test.ts).
    check(res.headers['content-type'] === 'text/html; charset=utf-8' && res.body === 'Too many requests, please try again later.', `${what}: a 429 is not express-rate-limit's answer`, res)
    return
  }
  if (res.statusCode >= 400) checkJsonError(res, what)
}

/** Is this an answer of the hosted page (which renders its errors as HTML)? */
export function isPagePath (url: string, method: string): boolean {
  // Dot segments (also %2e%2e) resolve as a client's URL parser resolves them; the router ignores one trailing slash, not two.
  let path: string
  try {
    path = new URL(url, 'http://sandbox.test').pathname.replace(/\/$/, '')
  } catch {
    return false
  }
  return path === '/verifications' && (method === 'GET' || method === 'POST' || method === 'HEAD')
}

/** The server still answers: /health is 200 and a normal create + GET work. */
export async function checkAlive (app: FastifyInstance): Promise<void> {
  const health = await app.inject({ method: 'GET', url: '/health' })
  check(health.statusCode === 200 && health.json().status === 'ok', '/health is not 200 ok', health)
  const created = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })
  check(created.statusCode === 200, 'a normal create fails', created)
  const token = created.json().result.token as string
  const got = await app.inject({ method: 'GET', url: `/api/ekyc/verifications/${token}`, headers: CREDENTIALS })
  check(got.statusCode === 200 && got.json().result.token === token, 'a normal GET fails', got)
  assertRecordTypes(got.json().result, 'checkAlive GET')
}

/** Injects and never lets light-my-request's own rejection pass for an answer. */
export async function send (app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject(options)
}

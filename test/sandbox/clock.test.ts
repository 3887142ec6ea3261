import t from 'tap'
import { buildTestApp, createSession, getRecord, START } from '../helpers/app.js'
import { control, view } from './control.js'

const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString()

t.test('GET /_sandbox/clock shows the sandbox time and its offset from real time', async t => {
  const { app, tick } = await buildTestApp(t)
  t.strictSame((await control(app, 'GET', '/clock')).json(), { status: 200, result: { now: at(0), offset_ms: 0 } })
  tick(2.5)
  t.strictSame((await control(app, 'GET', '/clock')).json().result, { now: at(2), offset_ms: 0 }, 'whole seconds, as records show them')
})

t.test('advance_seconds drives created_at, updated_at, expire_at and expiry everywhere', async t => {
  const { app } = await buildTestApp(t)
  const early = await createSession(app)
  const res = await control(app, 'POST', '/clock', { advance_seconds: 900 })
  t.strictSame(res.json(), { status: 200, result: { now: at(900), offset_ms: 900_000 } })

  t.equal((await view(app, early)).expired, true, 'a 15-minute link has expired')
  const late = await createSession(app)
  t.matchStrict((await getRecord(app, late)).json().result, { created_at: at(900), updated_at: at(900), expire_at: at(1800) })

  const page = await app.inject({ method: 'GET', url: `/verifications?token=${early}&scenario=pass` })
  t.equal(page.statusCode, 409, 'the page refuses an expired link')
})

t.test('advancing past RETENTION_SECONDS prunes personal data', async t => {
  const { app } = await buildTestApp(t, { RETENTION_SECONDS: '3600' })
  const token = await createSession(app)
  await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  await control(app, 'POST', '/clock', { advance_seconds: 3600 })
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_result: null, face_id_result: null, is_success: 1, pruned_at: at(3600) })
})

t.test('set moves the clock to an instant; a negative advance moves it back; reset returns to real time', async t => {
  const { app } = await buildTestApp(t)
  const set = await control(app, 'POST', '/clock', { set: '2030-01-01T08:00:00+08:00' })
  t.strictSame(set.json().result, { now: '2030-01-01T00:00:00.000Z', offset_ms: Date.parse('2030-01-01T00:00:00Z') - START })
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.created_at, '2030-01-01T00:00:00.000Z')

  const back = await control(app, 'POST', '/clock', { advance_seconds: -60 })
  t.equal(back.json().result.now, '2029-12-31T23:59:00.000Z')

  const reset = await control(app, 'POST', '/clock', { reset: true })
  t.strictSame(reset.json().result, { now: at(0), offset_ms: 0 })
})

t.test('POST /_sandbox/clock takes exactly one action; bad input is a 422 and moves nothing', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/clock', { advance_seconds: 10 })
  const cases: Array<[unknown, string, Record<string, string[]>]> = [
    [{}, 'Give exactly one of advance_seconds, set or reset (got none).', { body: ['Give exactly one of advance_seconds, set or reset (got none).'] }],
    [{ advance_seconds: 5, reset: true }, 'Give exactly one of advance_seconds, set or reset (got advance_seconds and reset).', { body: ['Give exactly one of advance_seconds, set or reset (got advance_seconds and reset).'] }],
    [{ advance_seconds: '60' }, 'Invalid body: advance_seconds must be number.', { advance_seconds: ['advance_seconds must be number'] }],
    [{ set: '2030-01-01' }, 'Invalid body: set must match format "date-time".', { set: ['set must match format "date-time"'] }],
    [{ set: '1969-12-31T00:00:00Z' }, 'set "1969-12-31T00:00:00Z" is not a date-time from 1970 to 9999.', { set: ['set "1969-12-31T00:00:00Z" is not a date-time from 1970 to 9999.'] }],
    [{ advance_seconds: -1e9 }, 'Invalid body: advance_seconds must be >= -315360000.', { advance_seconds: ['advance_seconds must be >= -315360000'] }],
    [{ reset: false }, 'Invalid body: reset must be true.', { reset: ['reset must be true'] }],
    [{ advance: 60 }, 'Invalid body: advance is not a known field.', { advance: ['advance is not a known field'] }]
  ]
  for (const [payload, message, errors] of cases) {
    const res = await control(app, 'POST', '/clock', payload)
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.strictSame(res.json(), { status: 422, message, errors }, JSON.stringify(payload))
  }
  t.strictSame((await control(app, 'GET', '/clock')).json().result, { now: at(10), offset_ms: 10_000 })
})

t.test('set replaces the offset: after an advance, after another set, and an advance after a set counts from it', async t => {
  const { app, tick } = await buildTestApp(t)
  await control(app, 'POST', '/clock', { advance_seconds: 3600 })
  const first = await control(app, 'POST', '/clock', { set: '2030-01-01T00:00:00Z' })
  t.strictSame(first.json(), { status: 200, result: { now: '2030-01-01T00:00:00.000Z', offset_ms: Date.parse('2030-01-01T00:00:00Z') - START } }, 'the earlier advance is gone')

  tick(5)
  const second = await control(app, 'POST', '/clock', { set: '2028-06-15T12:30:00Z' })
  t.strictSame(second.json(), { status: 200, result: { now: '2028-06-15T12:30:00.000Z', offset_ms: Date.parse('2028-06-15T12:30:00Z') - START - 5000 } }, 'a second set lands exactly, earlier or later')
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.created_at, '2028-06-15T12:30:00.000Z', 'records follow the set time')

  const later = await control(app, 'POST', '/clock', { advance_seconds: 90 })
  t.strictSame(later.json().result, { now: '2028-06-15T12:31:30.000Z', offset_ms: Date.parse('2028-06-15T12:31:30Z') - START - 5000 })
  tick(1)
  t.equal((await control(app, 'GET', '/clock')).json().result.now, '2028-06-15T12:31:31.000Z', 'real time keeps running under the set clock')
})

t.test('the clock runs from 1970 to the last second of 9999, inclusive, whether set or advanced', async t => {
  const { app } = await buildTestApp(t)
  const now = async () => (await control(app, 'GET', '/clock')).json().result.now
  const refusedAdvance = { status: 422, message: 'advance_seconds would move the clock before 1970 or past 9999.', errors: { advance_seconds: ['advance_seconds would move the clock before 1970 or past 9999.'] } }
  const move = async (payload: Record<string, unknown>) => control(app, 'POST', '/clock', payload)

  t.equal((await move({ set: '9999-12-31T23:59:58Z' })).statusCode, 200)
  t.strictSame((await move({ advance_seconds: 2 })).json(), refusedAdvance, 'two seconds would pass the end')
  t.equal(await now(), '9999-12-31T23:59:58.000Z', 'a refused move moves nothing')
  t.equal((await move({ advance_seconds: 1 })).json().result.now, '9999-12-31T23:59:59.000Z', 'the last second itself is allowed')
  t.strictSame((await move({ advance_seconds: 1 })).json(), refusedAdvance)
  t.equal((await move({ advance_seconds: -1 })).json().result.now, '9999-12-31T23:59:58.000Z', 'back from the end is fine')
  t.strictSame((await move({ set: '9999-12-31T23:59:59.500Z' })).json().errors, { set: ['set "9999-12-31T23:59:59.500Z" is not a date-time from 1970 to 9999.'] })
  t.equal((await move({ set: '9999-12-31T23:59:59Z' })).json().result.now, '9999-12-31T23:59:59.000Z', 'the last second can be set too')

  t.equal((await move({ set: '1970-01-01T00:00:00Z' })).json().result.now, '1970-01-01T00:00:00.000Z', 'the first second is allowed')
  t.equal((await move({ advance_seconds: 0 })).statusCode, 200, 'standing on the first second is allowed')
  t.strictSame((await move({ advance_seconds: -1 })).json(), refusedAdvance, 'before 1970 is not')
  t.equal(await now(), '1970-01-01T00:00:00.000Z')
  t.equal((await move({ advance_seconds: 1 })).json().result.now, '1970-01-01T00:00:01.000Z', 'advancing adds, in seconds')
})

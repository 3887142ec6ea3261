import t from 'tap'
import { buildTestApp, createSession, getRecord, START } from '../helpers/app.js'
import { openPage } from '../hosted/page-helpers.js'
import { control, view } from './control.js'

const iso = (ms: number): string => new Date(ms).toISOString()

// The clock keeps whole seconds inside, not only in what it shows: a session created at
// …:47.789 expires at the expire_at it displays (…:47.000 + 15 min), not 789 ms later.
t.test('a session created at a fractional time expires at the whole-second expire_at it shows', async t => {
  const { app, tick } = await buildTestApp(t)
  tick(0.789)
  const token = await createSession(app)
  const record = (await getRecord(app, token)).json().result
  t.equal(record.created_at, iso(START))
  t.equal(record.expire_at, iso(START + 900_000))

  tick(899.21) // START + 899.999 s: still inside the last second
  t.equal((await view(app, token)).expired, false, 'open one millisecond before expire_at')
  t.matchStrict((await openPage(app, token)).body, 'data-testid="time-left">0:01<')

  tick(0.002) // START + 900.001 s: just past expire_at
  t.equal((await view(app, token)).expired, true, 'expired just past the displayed expire_at')
  t.matchStrict((await openPage(app, token)).body, 'This link has expired')
  const complete = await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(complete.statusCode, 409, 'the control plane refuses it too')
  t.strictSame((await getRecord(app, token)).json().result, record, 'and nothing changed')
})

t.test('half a second past expire_at, with the clock also moved by the control plane', async t => {
  const { app, tick } = await buildTestApp(t)
  tick(0.5)
  await control(app, 'POST', '/clock', { advance_seconds: 0.25 })
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.created_at, iso(START))
  t.strictSame((await control(app, 'GET', '/clock')).json().result, { now: iso(START), offset_ms: 250 }, 'now is whole seconds')
  tick(899.75) // source + offset = START + 900.5 s
  t.equal((await view(app, token)).expired, true)
  t.equal((await openPage(app, token, '&scenario=pass')).statusCode, 409)
})

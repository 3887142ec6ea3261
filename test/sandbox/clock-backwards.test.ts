import t from 'tap'
import { buildTestApp, createSession, getRecord, START } from '../helpers/app.js'
import { control } from './control.js'

const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString()

t.test('moving the clock back never makes updated_at earlier than created_at or the last change', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await control(app, 'POST', '/clock', { advance_seconds: -3600 })
  const done = await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(done.statusCode, 200)
  const record = (await getRecord(app, token)).json().result
  t.equal(record.created_at, at(0))
  t.equal(record.updated_at, at(0), 'updated_at stays at created_at, not an hour before it')

  const other = await createSession(app) // created at -3600
  await control(app, 'POST', '/clock', { advance_seconds: 600 })
  await control(app, 'POST', `/verifications/${other}/expire`) // a change at -3000
  await control(app, 'POST', '/clock', { advance_seconds: -300 }) // -3300: the link is open again
  t.equal((await control(app, 'POST', `/verifications/${other}/complete`, { scenario: 'pass' })).statusCode, 200)
  const later = (await getRecord(app, other)).json().result
  t.equal(later.updated_at, at(-3000), 'a change made "before" the last one does not move updated_at back')
})

t.test('moving the clock back after pruning never shows pruned_at in the future', async t => {
  const { app } = await buildTestApp(t, { RETENTION_SECONDS: '3600' })
  const token = await createSession(app)
  await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  await control(app, 'POST', '/clock', { advance_seconds: 7200 })
  t.equal((await getRecord(app, token)).json().result.pruned_at, at(3600), 'pruned when it became due')
  await control(app, 'POST', '/clock', { advance_seconds: -5400 }) // now at 1800
  const record = (await getRecord(app, token)).json().result
  t.equal(record.pruned_at, at(1800), 'not later than the clock')
  t.equal(record.ocr_result, null, 'the personal data stays gone')
  await control(app, 'POST', '/clock', { advance_seconds: 7200 })
  t.equal((await getRecord(app, token)).json().result.pruned_at, at(3600), 'and back to when it became due once the clock passes it')
})

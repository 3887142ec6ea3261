import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, formTokenIn, testId } from './helpers.js'

const QA = { client_id: 'qa', client_secret: 'qa-console' }

t.test('the detail says "Session created" only right after the console created it', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const created = await c.post('/', '/console/sessions', { client_id: 'qa', type: '00', id_type: 'ID_CARD', id_country: 'MYS', redirect_url: '' })
  const fresh = await c.get(created.headers.location as string)
  t.equal(testId(fresh.body, 'notice'), 'Session created. Open its link to play it as the user.')
  const path = (created.headers.location as string).split('?')[0]
  for (const later of [path, `${path}?created=0`, `${path}?created=`]) {
    const res = await c.get(later)
    t.equal(res.statusCode, 200, later)
    t.notMatch(res.body, 'data-testid="notice"', later)
  }
})

t.test('the detail lists the calls about its own session only', async t => {
  const { app } = await buildTestApp(t)
  const mine = await createSession(app, {}, QA)
  const other = await createSession(app, {}, QA)
  await app.inject({ url: `/api/ekyc/verifications/${other}`, headers: QA })
  const res = await consoleClient(app).get(`/console/sessions/${mine}`)
  const calls = [...res.body.matchAll(/data-testid="journal-call">([^<]+)</g)].map(m => m[1])
  t.strictSame(calls, ['POST /api/ekyc/verifications'])
})

t.test('finishing inline sends only the codes typed: an empty code is left out, a face code goes without similarity', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const finish = async (fields: Record<string, string>) => {
    const token = await createSession(app, {}, QA)
    const detail = `/console/sessions/${token}`
    return { token, res: await c.post(detail, `${detail}/complete`, { mode: 'inline', ...fields }) }
  }
  const documentOnly = await finish({ ocr_code: 'Success', face_code: '', sim: '' })
  t.equal(documentOnly.res.statusCode, 303)
  t.strictSame((await control(app, 'GET', `/verifications/${documentOnly.token}`)).json().result.attempts, { ocr: [{ code: 'Success' }], face: [] })
  const faceOnly = await finish({ ocr_code: '', face_code: 'Success', sim: '' })
  t.equal(faceOnly.res.statusCode, 422)
  t.equal(testId(faceOnly.res.body, 'complete-inline-error'), 'face.attempts: the face step needs an OCR attempt with code Success (HTTP 422; nothing was applied)')
  const both = await finish({ ocr_code: 'Success', face_code: 'Success', sim: '' })
  t.equal(both.res.statusCode, 303)
  const { attempts, record } = (await control(app, 'GET', `/verifications/${both.token}`)).json().result
  t.strictSame(attempts.face.map((a: { code: string }) => a.code), ['Success'])
  t.equal(record.is_success, 1)
})

t.test('finishing with a scenario plays that scenario, whatever inline fields come along; without one it is refused', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const token = await createSession(app, {}, QA)
  const detail = `/console/sessions/${token}`
  const missing = await c.post(detail, `${detail}/complete`, { mode: 'scenario' })
  t.equal(missing.statusCode, 422)
  t.equal(testId(missing.body, 'error-scenario'), 'scenario must not have fewer than 1 characters')
  const done = await c.post(detail, `${detail}/complete`, { mode: 'scenario', scenario: 'fail-ocr-blurry', ocr_code: 'Success', face_code: 'Success' })
  t.equal(done.statusCode, 303)
  t.matchStrict((await control(app, 'GET', `/verifications/${token}`)).json().result.record, { is_success: 0, latest_error: '9108' })
})

t.test('expiring goes back to the detail; a session gone meanwhile (a reset in another tab) is a 404', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const token = await createSession(app, {}, QA)
  const detail = `/console/sessions/${token}`
  const csrf = formTokenIn((await c.get(detail)).body, `${detail}/expire`)
  const expired = await c.postWith(csrf, `${detail}/expire`, {})
  t.equal(expired.statusCode, 303)
  t.equal(expired.headers.location, detail)
  await control(app, 'DELETE', '/state')
  const gone = await c.postWith(csrf, `${detail}/expire`, {})
  t.equal(gone.statusCode, 404)
  t.equal(testId(gone.body, 'error-message'), `Verification "${token}" not found.`)
})

t.test('an unknown outcome filter names the outcomes there are, and a long one is cut', async t => {
  const { app } = await buildTestApp(t)
  const res = await consoleClient(app).get(`/console/sessions?outcome=${'o'.repeat(100)}`)
  t.equal(res.statusCode, 422)
  t.equal(testId(res.body, 'error-outcome'), `Unknown outcome "${'o'.repeat(80)}": choose one of open, passed, failed, expired.`)
})

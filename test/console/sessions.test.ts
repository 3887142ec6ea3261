import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, testId } from './helpers.js'

const QA = { client_id: 'qa', client_secret: 'qa-console' }

t.test('the list is newest first, with token, client, type, outcome, latest_error and age, filtered by client and outcome', async t => {
  const { app, tick } = await buildTestApp(t)
  const passed = await createSession(app, {}, QA)
  await control(app, 'POST', `/verifications/${passed}/complete`, { scenario: 'pass-after-ocr-blurry' })
  tick(60)
  const failed = await createSession(app, {}, { client_id: 'shop', client_secret: 's' })
  await control(app, 'POST', `/verifications/${failed}/complete`, { scenario: 'fail-ocr-glare' })
  tick(60)
  const open = await createSession(app, { type: '01' }, QA)
  const c = consoleClient(app)
  const all = await c.get('/console/sessions')
  t.equal(all.statusCode, 200)
  const tokens = [...all.body.matchAll(/data-testid="session-token">([0-9A-Z]{30})</g)].map(m => m[1])
  t.same(tokens, [open, failed, passed], 'newest first')
  const rows = all.body.split('data-testid="session-row"').slice(1)
  t.equal(testId(rows[0], 'session-outcome'), 'open')
  t.equal(testId(rows[1], 'session-outcome'), 'failed')
  t.equal(testId(rows[1], 'session-latest-error'), '9107')
  t.equal(testId(rows[1], 'session-client'), 'shop')
  t.equal(testId(rows[2], 'session-outcome'), 'passed')
  t.equal(testId(rows[2], 'session-age'), '2 min 0 s')

  const qa = await c.get('/console/sessions?client_id=qa')
  t.same([...qa.body.matchAll(/data-testid="session-token">([0-9A-Z]{30})</g)].map(m => m[1]), [open, passed])
  const passedOnly = await c.get('/console/sessions?client_id=&outcome=passed')
  t.same([...passedOnly.body.matchAll(/data-testid="session-token">([0-9A-Z]{30})</g)].map(m => m[1]), [passed])
  tick(900)
  const expired = await c.get('/console/sessions?outcome=expired')
  t.same([...expired.body.matchAll(/data-testid="session-token">([0-9A-Z]{30})</g)].map(m => m[1]), [open], 'a finished session keeps its outcome past expire_at')
  const bad = await c.get('/console/sessions?outcome=maybe')
  t.equal(bad.statusCode, 422)
  t.match(testId(bad.body, 'error-outcome'), /^Unknown outcome "maybe"/)
  const long = await c.get(`/console/sessions?client_id=${'x'.repeat(300)}`)
  t.equal(long.statusCode, 422)
  t.equal(testId(long.body, 'error-client_id'), 'client_id must not have more than 255 characters')
})

t.test('the detail shows the record, the sandbox view, the attempts and the calls about the session', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, {}, QA)
  await app.inject({ url: `/verifications?token=${token}&scenario=pass-after-ocr-glare` })
  await app.inject({ url: `/api/ekyc/verifications/${token}`, headers: QA })
  const res = await consoleClient(app).get(`/console/sessions/${token}`)
  t.equal(res.statusCode, 200)
  const record = JSON.parse(testId(res.body, 'record-json') as string)
  t.same(record, (await app.inject({ url: `/api/ekyc/verifications/${token}`, headers: QA })).json().result, 'exactly the GET\'s result')
  const sandbox = JSON.parse(testId(res.body, 'sandbox-json') as string)
  t.match(sandbox, { token, client_id: 'qa', finished: true, expired: false, next_step: null })
  t.notOk('record' in sandbox)
  t.equal(testId(res.body, 'attempt-ocr-1'), 'document attempt 1: 9107')
  t.equal(testId(res.body, 'attempt-ocr-2'), 'document attempt 2: Success')
  t.equal(testId(res.body, 'detail-outcome'), 'passed')
  const calls = [...res.body.matchAll(/data-testid="journal-call">([^<]+)</g)].map(m => m[1])
  t.same(calls, [`GET /api/ekyc/verifications/${token}`, 'GET /verifications', 'POST /api/ekyc/verifications'])
  t.equal((await consoleClient(app).get('/console/sessions/NOPE')).statusCode, 404)
  t.match((await consoleClient(app).get('/console/sessions/NOPE')).body, 'Verification &quot;NOPE&quot; not found.')
})

t.test('the detail\'s actions: finish with a scenario, inline with any code and similarity, expire; refusals by their form', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const a = await createSession(app, {}, QA)
  const detail = `/console/sessions/${a}`
  const done = await c.post(detail, `${detail}/complete`, { mode: 'scenario', scenario: 'fail-face-spoofed' })
  t.equal(done.statusCode, 303)
  t.equal(done.headers.location, detail)
  t.match((await control(app, 'GET', `/verifications/${a}`)).json().result.record, { is_success: 0, latest_error: 'FailedOperation.LivessDetectFake' })
  const again = await c.post(detail, `${detail}/complete`, { mode: 'scenario', scenario: 'pass' })
  t.equal(again.statusCode, 409)
  t.match(testId(again.body, 'complete-scenario-error'), /^Verification already finished\./)

  const b = await createSession(app, {}, QA)
  const inline = `/console/sessions/${b}`
  const low = await c.post(inline, `${inline}/complete`, { mode: 'inline', ocr_code: 'Success', face_code: 'Success', sim: '150' })
  t.equal(low.statusCode, 422, 'a similarity over 100 is refused by the API')
  t.match(testId(low.body, 'complete-inline-error'), /sim/)
  t.equal((await control(app, 'GET', `/verifications/${b}`)).json().result.finished, false, 'nothing applied')
  await c.post(inline, `${inline}/complete`, { mode: 'inline', ocr_code: 'Success', face_code: 'Success', sim: '69.99' })
  t.match((await control(app, 'GET', `/verifications/${b}`)).json().result.record, { is_success: 0, latest_error: 'FailedOperation.CompareLowSimilarity', face_id_result: { Sim: 69.99 } })

  const d = await createSession(app, {}, QA)
  const expire = `/console/sessions/${d}`
  t.equal((await c.post(expire, `${expire}/expire`, {})).statusCode, 303)
  t.equal((await control(app, 'GET', `/verifications/${d}`)).json().result.expired, true)
  t.equal(testId((await c.get(expire)).body, 'detail-outcome'), 'expired')
})

t.test('the stand-in merchant shows the is_success it received and the record its backend reads with GET', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const created = await c.post('/', '/console/sessions', { client_id: 'qa', type: '00', id_type: 'ID_CARD', id_country: 'MYS', redirect_url: '' })
  const token = (created.headers.location as string).split('/')[3].split('?')[0]
  const page = await app.inject({ url: `/verifications?token=${token}&scenario=fail-ocr-blurry` })
  t.equal(page.statusCode, 303)
  const back = new URL(page.headers.location as string)
  t.equal(back.pathname, '/console/merchant/return')
  t.equal(back.searchParams.get('is_success'), '0')
  const merchant = await c.get(back.pathname + back.search)
  t.equal(merchant.statusCode, 200)
  t.equal(testId(merchant.body, 'return-is-success'), '0')
  t.match(JSON.parse(testId(merchant.body, 'record-json') as string), { token, is_success: 0, latest_error: '9108', retries: 2 })
  t.match(merchant.body, `href="/console/sessions/${token}" data-testid="console-session-link"`)
  const [read] = (await control(app, 'GET', '/requests')).json().result
  t.match(read, { method: 'GET', path: `/api/ekyc/verifications/${token}`, client_id: 'qa', status: 200 }, 'the GET is in the journal, as the merchant sent it')

  await control(app, 'POST', '/faults', { route: 'get', status: 503 })
  const failing = await c.get(back.pathname + back.search)
  t.match(failing.body, `data-testid="record-error"><code>GET /api/ekyc/verifications/${token}</code> answered HTTP 503: Service Unavailable.`, 'a fault on get reaches the stand-in merchant')
  const unknown = await c.get('/console/merchant/return?client_id=qa&ref=none&is_success=1')
  t.equal(testId(unknown.body, 'return-is-success'), '1')
  t.match(unknown.body, 'data-testid="return-no-session"')
})

t.test('the catalogue lists every scenario with its title, group, attempts and what it fits', async t => {
  const { app } = await buildTestApp(t)
  const res = await consoleClient(app).get('/console/scenarios')
  t.equal(res.statusCode, 200)
  const names = [...res.body.matchAll(/data-testid="scenario-name">([^<]+)</g)].map(m => m[1])
  t.same(names, app.scenarios.all.map(s => s.name))
  const row = (name: string) => res.body.split(`id="scenario-${name}"`)[1].split('</tr>')[0]
  t.equal(testId(row('pass-passport'), 'scenario-kinds'), 'PASSPORT')
  t.equal(testId(row('pass-ocr-only'), 'scenario-types'), '01')
  t.equal(testId(row('fail-face-spoofed'), 'scenario-types'), '00', 'a face problem does not fit an OCR-only session')
  t.equal(testId(row('pass'), 'scenario-kinds'), 'ID_CARD, PASSPORT')
  t.match(row('pass-after-ocr-blurry'), 'document: <code>9108, Success</code>')
})

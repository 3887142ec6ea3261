import t, { type Test } from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, HOSTILE } from './helpers.js'

const q = encodeURIComponent(HOSTILE)

/** The console has no script of its own: any <script>, <img> or event handler came from a value. */
function assertInert (t: Test, res: LightMyRequestResponse, label: string): void {
  t.matchStrict(res.headers['content-type'], /^text\/html/, label)
  t.notMatch(res.body, /<script/i, `${label}: no script`)
  t.notMatch(res.body, /<img/i, `${label}: no img`)
  // Quoted attribute values hold escaped text (a value may read `onerror=`): only the markup around them counts.
  const markup = res.body.replace(/"[^"]*"/g, '""')
  t.notMatch(markup, /<[^>]*\son\w+\s*=/i, `${label}: no event-handler attribute`)
}

t.test('hostile client ids, redirect_urls, tokens, paths and filters are shown escaped on every console page', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const hostileClient = { client_id: HOSTILE, client_secret: 'qa-console' }
  const created = await app.inject({
    method: 'POST', url: '/api/ekyc/verifications', headers: hostileClient,
    payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: `https://merchant.example/cb?q=${q}&raw=${HOSTILE}#${HOSTILE}` }
  })
  const token = created.json().result.token as string
  const open = (await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: hostileClient, payload: { type: '01', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: `https://merchant.example/${q}` } })).json().result.token as string
  // Calls that the journal records with hostile values: a client id header, a token in the path.
  await app.inject({ url: `/api/ekyc/verifications/${q}`, headers: hostileClient })
  await app.inject({ url: `/verifications?token=${q}` })
  await control(app, 'POST', '/arm', { scenario: 'pass', client_id: HOSTILE })
  await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: HOSTILE })
  await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'fail-ocr-glare' })

  const pages: Array<[string, LightMyRequestResponse]> = [
    ['home', await c.get('/')],
    ['sessions', await c.get('/console/sessions')],
    ['sessions filtered', await c.get(`/console/sessions?client_id=${q}&outcome=${q}`)],
    ['detail', await c.get(`/console/sessions/${token}`)],
    ['detail of a hostile token', await c.get(`/console/sessions/${q}`)],
    ['steering', await c.get(`/console/steering?done=${q}`)],
    ['journal', await c.get('/console/journal')],
    ['journal filtered', await c.get(`/console/journal?client_id=${q}&route=${q}&status=${q}`)],
    ['catalogue', await c.get('/console/scenarios')],
    ['merchant', await c.get(`/console/merchant/return?client_id=${q}&ref=${q}&is_success=${q}`)],
    ['create refused', await c.post('/', '/console/sessions', { client_id: HOSTILE, type: HOSTILE, id_type: HOSTILE, id_country: HOSTILE, redirect_url: HOSTILE, wallet_address: HOSTILE })],
    ['arm refused', await c.post('/console/steering', '/console/steering/arm', { scenario: HOSTILE, client_id: HOSTILE, count: HOSTILE })],
    ['fault refused', await c.post('/console/steering', '/console/steering/fault', { route: HOSTILE, status: HOSTILE, latency_ms: HOSTILE, count: HOSTILE, client_id: HOSTILE })],
    ['clock refused', await c.post('/console/steering', '/console/steering/clock-set', { set: HOSTILE })],
    ['reset confirmation', await c.post('/console/steering', '/console/steering/reset', { client_id: HOSTILE })],
    ['open session', await c.get(`/console/sessions/${open}`)],
    ['complete refused', await c.post(`/console/sessions/${open}`, `/console/sessions/${open}/complete`, { mode: 'scenario', scenario: HOSTILE })],
    ['inline refused', await c.post(`/console/sessions/${open}`, `/console/sessions/${open}/complete`, { mode: 'inline', ocr_code: HOSTILE, face_code: HOSTILE, sim: HOSTILE })]
  ]
  for (const [label, res] of pages) {
    t.ok(res.statusCode < 500, `${label}: ${res.statusCode}`)
    assertInert(t, res, label)
  }
  const shown = (label: string): string => pages.find(p => p[0] === label)?.[1].body ?? ''
  t.matchStrict(shown('sessions'), '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;', 'the raw text is shown, escaped')
  t.matchStrict(shown('journal'), '/api/ekyc/verifications/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')
  t.matchStrict(shown('merchant'), 'data-testid="return-is-success">&quot;&gt;&lt;script&gt;')
})

t.test('a hostile next address on the sign-in form is escaped and never followed', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: 'admin' })
  const res = await app.inject({ url: `/console/sessions?client_id=${q}` })
  t.equal(res.statusCode, 401)
  assertInert(t, res, 'sign-in')
})

import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, CREDENTIALS, createSession } from '../helpers/app.js'
import { merchantReturn, openPage } from './page-helpers.js'

// The page sends the user back only to the redirect_url stored at creation, with the recorded
// is_success. Nothing in the page's own query or form may move that: it would be an open redirect.
const EVIL = 'https://evil.example/steal?x=1'
const HIJACK_KEYS = ['redirect_url', 'redirect', 'redirect_uri', 'return_url', 'returnUrl', 'next', 'url', 'continue', 'callback', 'target', 'is_success']
const hijack = (key: string): string => `${key}=${encodeURIComponent(key === 'is_success' ? '1' : EVIL)}`
const ALL = HIJACK_KEYS.map(hijack).join('&')
const SETS = [...HIJACK_KEYS.map(hijack), ALL]

async function post (app: FastifyInstance, token: string, query: string, fields: string) {
  return app.inject({
    method: 'POST',
    url: `/verifications?token=${token}&${query}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: fields
  })
}

t.test('GET with ?scenario: hijack keys before or after it leave Location on the stored redirect_url', async t => {
  const { app } = await buildTestApp(t)
  for (const query of SETS) {
    for (const [scenario, isSuccess] of [['fail-ocr-blurry', 0], ['pass', 1]] as const) {
      for (const order of ['before', 'after']) {
        const token = await createSession(app)
        const extra = order === 'before' ? `&${query}&scenario=${scenario}` : `&scenario=${scenario}&${query}`
        const res = await openPage(app, token, extra)
        t.equal(res.statusCode, 303, `${scenario} ${order} ${query}`)
        t.equal(res.headers.location, merchantReturn(isSuccess), `${scenario} ${order} ${query}`)
      }
    }
  }
})

t.test('GET without ?scenario: an armed session goes back to the stored URL; an open page links nowhere else', async t => {
  const { app } = await buildTestApp(t)
  for (const query of SETS) {
    const armed = await createSession(app, {}, { ...CREDENTIALS, 'x-sandbox-scenario': 'fail-face-mask' })
    const res = await openPage(app, armed, `&${query}`)
    t.equal(res.statusCode, 303, query)
    t.equal(res.headers.location, merchantReturn(0), query)

    const open = await openPage(app, await createSession(app), `&${query}`)
    t.equal(open.statusCode, 200, query)
    t.equal(open.headers.location, undefined, query)
    t.notMatch(open.body, 'evil.example', query)

    const closed = await openPage(app, armed, `&${query}`)
    t.matchStrict(closed.body, `href="${merchantReturn(0).replace(/&/g, '&amp;')}" data-testid="return-link"`, query)
    t.notMatch(closed.body, 'evil.example', query)
  }
})

t.test('POST: hijack keys in the page URL never move Location off the stored URL, before or after the flow ends', async t => {
  const { app } = await buildTestApp(t)
  const actions: Array<[string, 0 | 1]> = [['action=scenario&scenario=pass', 1], ['action=scenario&scenario=fail-ocr-blurry', 0], ['action=give-up', 0], ['action=expire', 0]]
  for (const query of SETS) {
    for (const [fields, isSuccess] of actions) {
      const token = await createSession(app)
      const first = await post(app, token, query, fields)
      t.equal(first.statusCode, 303, `${fields} ?${query}`)
      t.equal(first.headers.location, merchantReturn(isSuccess), `${fields} ?${query}`)
      const again = await post(app, token, query, 'action=scenario&scenario=pass')
      t.equal(again.headers.location, merchantReturn(isSuccess), `closed after ${fields}, ?${query}`)
    }
  }
})

t.test('POST: a hijack key in the form is an unknown field, a 422 with no Location, and nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  for (const query of SETS) {
    const token = await createSession(app)
    const res = await post(app, token, '', `action=scenario&scenario=pass&${query}`)
    t.equal(res.statusCode, 422, query)
    t.equal(res.headers.location, undefined, query)
    const after = await post(app, token, '', 'action=give-up')
    t.equal(after.headers.location, merchantReturn(0), `${query}: the pass was not applied`)
  }
})

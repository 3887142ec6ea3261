import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { consoleClient, formTokenIn, unescape } from './helpers.js'

const ADMIN = 's3cret-admin'

/** The address the sign-in form goes back to after signing in, as the page holds it. */
const nextIn = (page: string): string | undefined => {
  const value = /<input type="hidden" name="next" value="([^"]*)">/.exec(page)?.[1]
  return value === undefined ? undefined : unescape(value)
}

t.test('signed out, a page asked for shows the sign-in form, without an error, that goes back to that page', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const res = await consoleClient(app).get('/console/journal?route=create')
  t.equal(res.statusCode, 401)
  t.equal(nextIn(res.body), '/console/journal?route=create')
  t.notMatch(res.body, 'data-testid="sign-in-error"', 'nothing was typed yet: no "not the admin token"')
})

t.test('a signed-out post (an expired cookie) shows the sign-in form that goes back home, not to the form\'s address', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const signIn = await consoleClient(app).post('/', '/console/sign-in', { token: ADMIN, next: '/' })
  const steering = await consoleClient(app, String(signIn.headers['set-cookie']).split(';')[0]).get('/console/steering')
  const csrf = formTokenIn(steering.body, '/console/steering/clock-advance')
  const post = await consoleClient(app).postWith(csrf, '/console/steering/clock-advance', { advance_seconds: '60' })
  t.equal(post.statusCode, 401)
  t.equal(nextIn(post.body), '/')
})

t.test('signing out goes back to the home page', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const signIn = await consoleClient(app).post('/', '/console/sign-in', { token: ADMIN, next: '/console/steering' })
  const out = await consoleClient(app, String(signIn.headers['set-cookie']).split(';')[0]).post('/', '/console/sign-out', {})
  t.equal(out.statusCode, 303)
  t.equal(out.headers.location, '/')
})

t.test('without SANDBOX_ADMIN_TOKEN there is nothing to sign out of', async t => {
  const { app } = await buildTestApp(t)
  const home = await consoleClient(app).get('/')
  t.equal(home.statusCode, 200)
  t.matchStrict(home.body, 'data-testid="console-nav"')
  t.notMatch(home.body, 'data-testid="sign-out"', 'no sign-out button on an open console')
})

// The rate limit's scope (src/plugins/rate-limit.ts): only the two API endpoints, only once a call
// has authenticated; nothing else is counted or carries the limit's headers.
import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS } from '../helpers/app.js'

const LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']

t.test('with RATE_LIMIT_PER_MINUTE, calls other than an authenticated API call carry none of the limit\'s headers', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '5' })
  const token = await createSession(app)
  const headersOf = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url, headers })
    return Object.fromEntries(LIMIT_HEADERS.filter(h => res.headers[h] !== undefined).map(h => [h, res.headers[h]]))
  }
  for (const url of ['/health', '/_sandbox/clock', `/_sandbox/verifications/${token}`, `/verifications?token=${token}`, '/documentation/json', '/nowhere']) {
    t.strictSame(await headersOf(url), {}, url)
  }
  t.strictSame(await headersOf(`/api/ekyc/verifications/${token}`), {}, 'an API call without credentials (a 401)')
  const counted = await headersOf(`/api/ekyc/verifications/${token}`, CREDENTIALS)
  t.equal(counted['x-ratelimit-limit'], '5', 'an authenticated API call is counted')
  t.equal(counted['x-ratelimit-remaining'], '3', 'the create and this GET')
})

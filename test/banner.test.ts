import t from 'tap'
import { banner, listeningUrl, showsBanner } from '../src/banner.js'
import { loadConfig } from '../src/config.js'

t.test('the default banner: the address, then the console, the page pattern, the docs and the control plane', async t => {
  const text = banner(loadConfig({}), 'http://127.0.0.1:3939')
  t.equal(text, [
    'maschain-ekyc-sandbox listening on http://127.0.0.1:3939',
    '  console:       http://localhost:3939/',
    '  API:           http://localhost:3939/api/ekyc/verifications',
    '  hosted page:   http://localhost:3939/verifications?token=…',
    '  API docs:      http://localhost:3939/documentation',
    '  control plane: http://localhost:3939/_sandbox',
    '  credentials:   open: any client_id; its first client_secret is bound to it (EKYC_CLIENTS for strict)',
    '  scenario:      none: sessions wait for the page or /_sandbox',
    '  seed:          none: tokens and identities differ each run',
    '  rate limit:    off',
    '  state:         in memory: lost on restart (REDIS_URL to share it between replicas and keep it)',
    'Ctrl+C stops it; LOG_LEVEL=warn hides this banner.',
    ''
  ].join('\n'))
})

t.test('links follow PUBLIC_URL; strict credentials, the admin token, scenario, seed and rate limit are named', async t => {
  const text = banner(loadConfig({
    PUBLIC_URL: 'http://ekyc-sandbox:3939/',
    EKYC_CLIENTS: 'shop:sk_1,other:sk_2:7',
    SANDBOX_ADMIN_TOKEN: 'secret',
    DEFAULT_SCENARIO: 'fail-ocr-blurry',
    SANDBOX_SEED: 'ci',
    RATE_LIMIT_PER_MINUTE: '400'
  }), 'http://0.0.0.0:3939')
  t.matchStrict(text, /^maschain-ekyc-sandbox listening on http:\/\/0\.0\.0\.0:3939\n {2}console: +http:\/\/ekyc-sandbox:3939\/\n/)
  t.matchStrict(text, /hosted page: +http:\/\/ekyc-sandbox:3939\/verifications\?token=…\n/)
  t.matchStrict(text, /control plane: http:\/\/ekyc-sandbox:3939\/_sandbox \(needs X-Sandbox-Admin-Token\)\n/)
  t.matchStrict(text, /credentials: +strict: 2 clients from EKYC_CLIENTS\n/)
  t.matchStrict(text, /scenario: +fail-ocr-blurry, armed on every session it fits\n/)
  t.matchStrict(text, /seed: +"ci"\n/)
  t.matchStrict(text, /rate limit: +400 calls a minute per client_id\n/)
  t.notMatch(text, /secret|sk_1/, 'no secret is printed')
})

t.test('only info and more verbose levels show it', async t => {
  t.strictSame(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].filter(showsBanner), ['info', 'debug', 'trace'])
})

t.test('the listening URL brackets IPv6 addresses', async t => {
  t.equal(listeningUrl({ address: '127.0.0.1', family: 'IPv4', port: 3939 }), 'http://127.0.0.1:3939')
  t.equal(listeningUrl({ address: '::1', family: 'IPv6', port: 3939 }), 'http://[::1]:3939')
})

t.test('with REDIS_URL the banner names Redis and the prefix, never the password', async t => {
  const text = banner(loadConfig({ REDIS_URL: 'redis://:s3cret-pw@redis.internal:6380/2', REDIS_PREFIX: 'qa:' }), 'http://127.0.0.1:3939')
  t.matchStrict(text, /\n {2}state: {9}Redis at redis:\/\/:\*\*\*@redis\.internal:6380\/2, keys under "qa:"\n/)
  t.notMatch(text, /s3cret/)
})

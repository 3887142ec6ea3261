import t from 'tap'
import { ConfigError, DEFAULT_SCENARIOS_DIR, isHttpUrl, loadConfig } from '../src/config.js'
import { redactRedisUrl } from '../src/state/redis-url.js'
import { StateUnavailableError } from '../src/state/state.js'

t.test('every variable has a default that makes the sandbox useful at once', async t => {
  const c = loadConfig({})
  t.strictSame(c, {
    port: 3939,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3939',
    logLevel: 'info',
    clients: null,
    tokenTtlSeconds: 900,
    retentionSeconds: 86400,
    maxVerifications: 10000,
    facePassThreshold: 70,
    defaultScenario: null,
    seed: null,
    adminToken: null,
    rateLimitPerMinute: null,
    scenariosDir: DEFAULT_SCENARIOS_DIR,
    requestTimeoutSeconds: 10,
    maxConnections: 1000,
    shutdownGraceSeconds: 8,
    redisUrl: null,
    redisPrefix: 'ekyc-sandbox:'
  })
})

t.test('REDIS_URL: redis:// or rediss:// with a host and a database number; a bad one is named, never echoed with its password', async t => {
  t.matchStrict(loadConfig({ REDIS_URL: 'redis://:pw@cache:6380/3', REDIS_PREFIX: 'qa-1:' }), { redisUrl: 'redis://:pw@cache:6380/3', redisPrefix: 'qa-1:' })
  t.equal(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.example' }).redisUrl, 'rediss://user:pw@cache.example')
  for (const [url, why] of [
    ['cache:6379', /REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
    ['http://cache:6379', /REDIS_URL: must start with redis:\/\/ or rediss:\/\/, got "http:\/\/"/],
    ['redis//:secret-pw@cache', /REDIS_URL: is not a URL/],
    ['redis://:secret-pw@cache:6379/zero', /REDIS_URL: database must be a number/],
    ['redis://:secret-pw@cache:99999', /REDIS_URL: is not a URL/],
    ['redis://', /REDIS_URL: has no host/],
    ['redis://:secret-pw@cache/x12', /REDIS_URL: database must be a number \(redis:\/\/host:6379\/0\), got "\/x12"/],
    ['redis://:secret-pw@cache/12x', /REDIS_URL: database must be a number/],
    ['redis://:secret-pw@cache/123456', /REDIS_URL: database must be a number/]
  ] as const) {
    const err = t.throws(() => loadConfig({ REDIS_URL: url }), ConfigError, url) as Error
    t.match(err.message, why, url)
    t.notMatch(err.message, /secret-pw/, `${url}: the password is not repeated`)
  }
  t.equal(loadConfig({ REDIS_URL: 'redis://cache:6379/15' }).redisUrl, 'redis://cache:6379/15', 'a two-digit database')
  t.equal(loadConfig({ REDIS_URL: 'redis://cache/' }).redisUrl, 'redis://cache/', 'no database after the slash')
  t.throws(() => loadConfig({ REDIS_PREFIX: 'has space' }), /REDIS_PREFIX: must be 1 to 100 visible ASCII characters/)
  t.throws(() => loadConfig({ REDIS_PREFIX: '' }), /REDIS_PREFIX/)
})

t.test('the timeouts and the connection cap are whole numbers in range, named when wrong', async t => {
  t.matchStrict(loadConfig({ REQUEST_TIMEOUT_SECONDS: '2', MAX_CONNECTIONS: '50', SHUTDOWN_GRACE_SECONDS: '3' }), { requestTimeoutSeconds: 2, maxConnections: 50, shutdownGraceSeconds: 3 })
  t.throws(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' }), /REQUEST_TIMEOUT_SECONDS: must be between 1 and 3600, got 0/)
  t.throws(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '1.5' }), /REQUEST_TIMEOUT_SECONDS: must be a whole number/)
  t.throws(() => loadConfig({ MAX_CONNECTIONS: '-1' }), /MAX_CONNECTIONS: must be between 1 and 1000000/)
  t.throws(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: 'soon' }), /SHUTDOWN_GRACE_SECONDS: must be a whole number/)
})

t.test('PUBLIC_URL follows PORT unless set, without a trailing slash', async t => {
  t.equal(loadConfig({ PORT: '4000' }).publicUrl, 'http://localhost:4000')
  t.equal(loadConfig({ PUBLIC_URL: 'http://ekyc-sandbox:3939/' }).publicUrl, 'http://ekyc-sandbox:3939')
})

t.test('EKYC_CLIENTS lists client_id:client_secret[:organisation_id]', async t => {
  t.strictSame(loadConfig({ EKYC_CLIENTS: 'a:sk_a, b:sk_b:42' }).clients, [
    { clientId: 'a', clientSecret: 'sk_a', organisationId: null },
    { clientId: 'b', clientSecret: 'sk_b', organisationId: 42 }
  ])
})

t.test('a wrong value stops start-up with a message naming the variable', async t => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ EKYC_CLIENTS: 'only-an-id' }, 'EKYC_CLIENTS'],
    [{ EKYC_CLIENTS: 'a:b:notanumber' }, 'EKYC_CLIENTS'],
    [{ TOKEN_TTL_SECONDS: '0' }, 'TOKEN_TTL_SECONDS'],
    [{ RETENTION_SECONDS: '1.5' }, 'RETENTION_SECONDS'],
    [{ MAX_VERIFICATIONS: '-1' }, 'MAX_VERIFICATIONS'],
    [{ FACE_PASS_THRESHOLD: '101' }, 'FACE_PASS_THRESHOLD'],
    [{ FACE_PASS_THRESHOLD: 'high' }, 'FACE_PASS_THRESHOLD'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ DEFAULT_SCENARIO: 'Not A Name' }, 'DEFAULT_SCENARIO']
  ]
  for (const [env, variable] of cases) {
    const err = (() => { try { loadConfig(env) } catch (e) { return e } })()
    t.ok(err instanceof ConfigError, `${JSON.stringify(env)} is refused`)
    t.matchStrict(err, { variable, message: new RegExp(`^${variable}: `) }, `${JSON.stringify(env)} names ${variable}`)
  }
})

t.test('numbers, the seed and the admin token are read as given', async t => {
  const c = loadConfig({ FACE_PASS_THRESHOLD: '80.5', RATE_LIMIT_PER_MINUTE: '400', SANDBOX_SEED: 'ci-42', SANDBOX_ADMIN_TOKEN: 's3cret', HOST: '0.0.0.0' })
  t.matchStrict(c, { facePassThreshold: 80.5, rateLimitPerMinute: 400, seed: 'ci-42', adminToken: 's3cret', host: '0.0.0.0' })
})

t.test('a REDIS_URL is shown with its password masked, and an unparseable one not at all', async t => {
  t.equal(redactRedisUrl('redis://:secret-pw@cache:6380/3'), 'redis://:***@cache:6380/3')
  t.equal(redactRedisUrl('rediss://user:secret-pw@cache.example'), 'rediss://user:***@cache.example')
  t.equal(redactRedisUrl('redis://user@cache:6379'), 'redis://user@cache:6379', 'no password: nothing to mask')
  t.equal(redactRedisUrl('redis//:secret-pw@cache'), '(unparseable URL)')
})

t.test("the state's outage error names Redis and the cause's message", async t => {
  const err = new StateUnavailableError(new Error('connect ECONNREFUSED 127.0.0.1:6390'))
  t.equal(err.name, 'StateUnavailableError')
  t.equal(err.message, "the sandbox's state (Redis) is unavailable: connect ECONNREFUSED 127.0.0.1:6390")
  t.equal(new StateUnavailableError('timed out').message, "the sandbox's state (Redis) is unavailable: timed out", 'a cause that is not an Error')
  t.equal(new StateUnavailableError(null).message, "the sandbox's state (Redis) is unavailable: null")
})

t.test('isHttpUrl: an absolute http(s) URL with a host, however it is written, and nothing else', async t => {
  const yes = [
    'https://merchant.example/return?order=42', 'HTTP://MERCHANT.EXAMPLE', 'http:merchant.example/x', 'http:///merchant.example',
    'https://[::1]:8443/x', ' https://merchant.example', 'ht\ttps://merchant.example', 'https://merchant.example/\u00e9\u{1F600}'
  ]
  const no = [
    'http://', 'https://:443/x', 'http:', 'https:?x', 'http://exa mple.com', 'http://[::1', '/relative', 'merchant.example',
    'javascript:alert(1)', 'mailto:ops@merchant.example', 'file:///etc/passwd', 'ftp://merchant.example', 'httpx://merchant.example', ''
  ]
  for (const url of yes) t.equal(isHttpUrl(url), true, JSON.stringify(url))
  for (const url of no) t.equal(isHttpUrl(url), false, JSON.stringify(url))
  // The quick path for text starting http: or https: answers as building the URL would.
  for (const url of [...yes, ...no]) {
    let built: URL | null = null
    try { built = new URL(url) } catch {}
    const expected = built !== null && (built.protocol === 'http:' || built.protocol === 'https:') && built.hostname !== ''
    t.equal(isHttpUrl(url), expected, `as new URL: ${JSON.stringify(url)}`)
  }
})

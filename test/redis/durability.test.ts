// What Redis keeps outlives the replicas: a restart of every replica, or a SIGKILL of one in the
// middle of a flow, loses nothing and leaves nothing half-written; every key a flow leaves behind
// either expires or is one of the few fixed keys; and another program's keys under the prefix are
// unknown sessions, never a crash.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { buildReplica, eventually, freeLoopbackPort, keysUnder, redisClient, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { control, view } from '../sandbox/control.js'
import { assertBuilt, runCli, waitForHealth, type CliRun } from '../ship/helpers.js'

const NOT_FOUND = { status: 404, message: 'Verification not found.' }
const RETURN = 'https://merchant.example/ekyc/return?order=42'

/** Keys every sandbox keeps for good (a handful, whatever the load); everything else must expire. */
const FIXED_KEYS = ['clock', 'seq', 'order', 'qseq', 'sessions', 'holders', 'journal', 'arms:queues', 'faults:queues']

async function formPost (app: FastifyInstance, token: string, form: Record<string, string>) {
  return await app.inject({
    method: 'POST',
    url: `/verifications?token=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString()
  })
}

/** Everything a replica answers about a session: the API's bytes and the control plane's view. */
async function snapshot (app: FastifyInstance, token: string, headers = CREDENTIALS) {
  const api = await getRecord(app, token, headers)
  const sandbox = await control(app, 'GET', `/verifications/${token}`)
  return { api: `${api.statusCode} ${api.body}`, sandbox: `${sandbox.statusCode} ${sandbox.body}` }
}

t.test('a restart of both replicas serves every session with the same bytes, and the arms, faults, clock and journal', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('durability')
  const a = await buildReplica(t, redis.url, prefix)
  const b = await buildReplica(t, redis.url, prefix)

  await control(a, 'POST', '/clock', { advance_seconds: 3600 })
  const fresh = await createSession(a)
  const passed = await createSession(b)
  t.equal((await b.inject({ method: 'GET', url: `/verifications?token=${passed}&scenario=pass` })).statusCode, 303, 'finished on B by the page')
  const failed = await createSession(a, { type: '01' }, { client_id: 'merchant-b', client_secret: 'sk-b' })
  t.equal((await control(a, 'POST', `/verifications/${failed}/complete`, { scenario: 'fail-ocr-blurry' })).statusCode, 200, 'failed on A by the control plane')
  const expired = await createSession(b)
  t.equal((await control(b, 'POST', `/verifications/${expired}/expire`)).statusCode, 200, 'expired on B')
  const midway = await createSession(a)
  t.equal((await formPost(b, midway, { action: 'ocr', code: '9108' })).statusCode, 303, 'one blurry OCR attempt on B, mid-flow')
  await control(a, 'POST', '/arm', { scenario: 'pass', count: 1 })
  const armed = await createSession(b)
  await control(b, 'POST', '/arm', { scenario: 'fail-face-liveness', client_id: 'merchant-a', count: 2 })
  await control(a, 'POST', '/faults', { route: 'page', status: 500, count: 2 })
  const sessions = { fresh, passed, failed, expired, midway, armed }
  const headersOf = (token: string) => token === failed ? { client_id: 'merchant-b', client_secret: 'sk-b' } : CREDENTIALS

  const before: Record<string, unknown> = {}
  for (const [name, token] of Object.entries(sessions)) before[name] = await snapshot(a, token, headersOf(token))
  const state = async (app: FastifyInstance) => ({
    arms: (await control(app, 'GET', '/arm')).json().result,
    faults: (await control(app, 'GET', '/faults')).json().result,
    offset: (await control(app, 'GET', '/clock')).json().result.offset_ms,
    list: (await control(app, 'GET', '/verifications')).json().result.map((v: { token: string }) => v.token),
    sessions: (await app.inject({ method: 'GET', url: '/health' })).json().sessions
  })
  const stateBefore = await state(b)
  // The journal: the 8 emulated calls above and the snapshot's 6 reads, each written as its answer left.
  const journalLength = (await eventually('every call journaled', async () => {
    const entries = (await control(a, 'GET', '/requests')).json().result
    return entries.length >= 14 ? entries : undefined
  })).length

  await a.close()
  await b.close()
  const c = await buildReplica(t, redis.url, prefix)
  const d = await buildReplica(t, redis.url, prefix)

  t.strictSame((await control(c, 'GET', '/requests')).json().result.length, journalLength, 'the journal outlived the replicas')
  t.strictSame(await state(c), stateBefore, 'arms, faults, the clock offset and the session list outlived the replicas')
  for (const [name, token] of Object.entries(sessions)) {
    t.strictSame(await snapshot(c, token, headersOf(token)), before[name], `the ${name} session reads the same bytes on a new replica`)
    t.strictSame(await snapshot(d, token, headersOf(token)), before[name], `and on the other new replica (${name})`)
  }
  const faulted = [await formPost(d, midway, { action: 'ocr', code: 'Success' }), await formPost(c, midway, { action: 'ocr', code: 'Success' })]
  t.strictSame(faulted.map(res => res.statusCode), [500, 500], 'the two page faults set before the restart fire after it, one on each new replica')
  t.equal((await formPost(d, midway, { action: 'ocr', code: 'Success' })).statusCode, 303, 'the mid-flow session goes on after the restart: OCR passes')
  const done = await formPost(c, midway, { action: 'face', code: 'Success' })
  t.equal(done.headers.location, `${RETURN}&is_success=1#done`, 'and the face step finishes it, back to the merchant with is_success=1')
  t.equal((await view(d, armed)).armed_scenario, 'pass', 'the armed session still carries its arm')
})

t.test('SIGKILL of one replica process mid-flow: the other serves and finishes every session', async t => {
  assertBuilt()
  const redis = await startRedis(t)
  const prefix = uniquePrefix('sigkill')
  const start = async (): Promise<{ run: CliRun, url: string }> => {
    const port = await freeLoopbackPort()
    const run = runCli([], { REDIS_URL: redis.url, REDIS_PREFIX: prefix, PORT: String(port), LOG_LEVEL: 'warn' })
    t.teardown(() => { run.child.kill('SIGKILL') })
    const url = `http://127.0.0.1:${port}`
    await waitForHealth(`${url}/health`, run)
    return { run, url }
  }
  const [first, second] = await Promise.all([start(), start()])
  const api = async (base: string, path: string, init: RequestInit = {}) =>
    await fetch(`${base}${path}`, { redirect: 'manual', ...init, headers: { ...CREDENTIALS, 'content-type': 'application/json', ...init.headers } })
  const create = async (base: string) => await api(base, '/api/ekyc/verifications', { method: 'POST', body: JSON.stringify(VALID_BODY) })

  // A few whole sessions on the first process, one of them mid-flow, and arms waiting.
  const tokens: string[] = []
  for (let i = 0; i < 4; i++) tokens.push((await (await create(first.url)).json()).result.token)
  const blurry = await api(first.url, `/verifications?token=${tokens[0]}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=ocr&code=9108'
  })
  t.equal(blurry.status, 303, 'a blurry OCR attempt on the first process: the flow is under way')
  t.equal((await api(first.url, '/_sandbox/arm', { method: 'POST', body: JSON.stringify({ scenario: 'pass', count: 2 }) })).status, 200, 'two arms set on the first process')
  const bytes = new Map<string, string>()
  for (const token of tokens) bytes.set(token, await (await api(first.url, `/api/ekyc/verifications/${token}`)).text())

  // Then a burst of 200 creates, and SIGKILL once 10 are answered: whatever is still in flight is cut off.
  let answeredSoFar = 0
  let tenAnswered: () => void = () => {}
  const killNow = new Promise<void>(resolve => { tenAnswered = resolve })
  const burst = Array.from({ length: 200 }, () => create(first.url).then(async res => {
    const token = res.status === 200 ? (await res.json()).result.token as string : null
    if (++answeredSoFar === 10) tenAnswered()
    return token
  }, () => null))
  await killNow
  first.run.child.kill('SIGKILL')
  const exit = await first.run.exited
  t.equal(exit.signal, 'SIGKILL', 'the first process was killed with SIGKILL')
  const answered = (await Promise.all(burst)).filter((token): token is string => token !== null)
  t.ok(answered.length >= 10, `${answered.length} of the 200 creates of the burst were answered before the kill (${200 - answered.length} cut off)`)

  for (const token of tokens) {
    const res = await api(second.url, `/api/ekyc/verifications/${token}`)
    t.equal(await res.text(), bytes.get(token), `the second process reads ${token} as the first answered it`)
  }
  const unread = async (list: string[]) => (await Promise.all(list.map(async token =>
    (await api(second.url, `/api/ekyc/verifications/${token}`)).status === 200 ? null : token))).filter(token => token !== null)
  t.strictSame(await unread(answered), [], 'every session whose create was answered before the kill reads on the second process')
  const listed = (await (await api(second.url, '/_sandbox/verifications?limit=1000')).json()).result as Array<{ token: string, armed_scenario: string | null, record: { id: number } }>
  t.ok(listed.length >= tokens.length + answered.length, `the second process lists every answered session, and maybe some whose answer was cut off (${listed.length})`)
  t.strictSame(await unread(listed.map(v => v.token)), [], 'every listed session is whole: it reads on the second process')
  t.equal(new Set(listed.map(v => v.record.id)).size, listed.length, 'no id was given twice')
  const armsLeft = (await (await api(second.url, '/_sandbox/arm')).json()).result as Array<{ remaining: number }>
  const armedListed = listed.filter(v => v.armed_scenario === 'pass').length
  t.equal(armedListed + armsLeft.reduce((n, arm) => n + arm.remaining, 0), 2,
    `the 2 arm uses are either in a session (${armedListed}) or still waiting: none lost, none used twice`)

  // Finish them all on the second process.
  const ocr = await api(second.url, `/verifications?token=${tokens[0]}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=ocr&code=Success'
  })
  t.equal(ocr.status, 303, 'the mid-flow session takes its next OCR attempt on the second process')
  const face = await api(second.url, `/verifications?token=${tokens[0]}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=face&code=Success'
  })
  t.equal(face.headers.get('location'), `${RETURN}&is_success=1#done`, 'and finishes there')
  for (const token of tokens.slice(1)) {
    const page = await api(second.url, `/verifications?token=${token}&scenario=pass`)
    t.equal(page.headers.get('location'), `${RETURN}&is_success=1#done`, `the page on the second process finishes ${token}`)
    t.equal((await (await api(second.url, `/api/ekyc/verifications/${token}`)).json()).result.is_success, 1, 'and the record says so')
  }
  // The burst may have used the arms set before it; whatever is left serves the second process.
  const left = armsLeft.reduce((n, arm) => n + arm.remaining, 0)
  const next = await Promise.all([create(second.url), create(second.url), create(second.url)].map(async p => (await (await p).json()).result.token as string))
  const armedNow = await Promise.all(next.map(async token => (await (await api(second.url, `/_sandbox/verifications/${token}`)).json()).result.armed_scenario))
  t.equal(armedNow.filter(s => s === 'pass').length, left, `the ${left} arm use(s) left after the kill serve creates on the second process`)
  t.equal((await api(second.url, '/health')).status, 200, 'the second process is healthy throughout')
})

t.test('every key a realistic flow leaves under the prefix expires, or is one of the fixed keys', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('ttl')
  const env = { RATE_LIMIT_PER_MINUTE: '100', TOKEN_TTL_SECONDS: '600', RETENTION_SECONDS: '3600' }
  const a = await buildReplica(t, redis.url, prefix, env)
  const b = await buildReplica(t, redis.url, prefix, env)
  const other = { client_id: 'merchant-b', client_secret: 'sk-b' }

  await control(a, 'POST', '/clock', { advance_seconds: 60 })
  // Arms and faults partly used by the flow below, and some used up: what is left waits, and must expire.
  for (const [app, body] of [
    [a, { scenario: 'pass', count: 2 }],
    [b, { scenario: 'pass', client_id: 'merchant-b', count: 1 }],
    [b, { scenario: 'fail-ocr-blurry', client_id: 'merchant-a', count: 50 }],
    [a, { scenario: 'pass', count: 50 }]
  ] as const) t.equal((await control(app, 'POST', '/arm', body)).statusCode, 200, `armed ${JSON.stringify(body)}`)
  for (const [app, body] of [
    [a, { route: 'get', status: 503, count: 2 }],
    [a, { route: 'page', latency_ms: 1, count: 50 }],
    [b, { route: 'create', latency_ms: 1, client_id: 'merchant-a', count: 50 }],
    [b, { route: 'get', status: 500, client_id: 'merchant-b', count: 1 }]
  ] as const) t.equal((await control(app, 'POST', '/faults', body)).statusCode, 200, `fault ${JSON.stringify(body)}`)
  const tokens: string[] = []
  for (let i = 0; i < 6; i++) tokens.push(await createSession(i % 2 === 0 ? a : b))
  const theirs = await createSession(b, {}, other)
  t.equal((await a.inject({ method: 'GET', url: `/verifications?token=${tokens[0]}&scenario=pass` })).statusCode, 303, 'a page finishes one')
  t.equal((await control(b, 'POST', `/verifications/${tokens[1]}/expire`)).statusCode, 200, 'one is expired')
  t.equal((await control(a, 'POST', `/verifications/${theirs}/complete`, { scenario: 'pass' })).statusCode, 200, 'the control plane completes another')
  t.equal((await formPost(b, tokens[5], { action: 'ocr', code: 'Success' })).statusCode, 303, 'one goes step by step')
  for (const token of tokens) await getRecord(b, token)
  await getRecord(a, theirs, other)
  await getRecord(a, tokens[2], { client_id: 'merchant-a', client_secret: 'wrong' })
  await eventually('journal settled', async () => (await control(a, 'GET', '/requests')).json().result.length >= 17 ? true : undefined)

  const redisCli = redisClient(t, redis.url)
  const keepMs = (3600 + 86_400) * 1000
  const keys = (await keysUnder(redisCli, prefix)).map(key => key.slice(prefix.length))
  const families = {
    session: /^session:[0-9A-Z]{30}$/,
    'client sessions': /^client:merchant-[ab]:sessions$/,
    'arms:any': /^arms:any$/,
    'arms:client': /^arms:client:merchant-[ab]$/,
    'faults:any': /^faults:any$/,
    'faults:client': /^faults:client:merchant-a$/,
    secret: /^secret:merchant-[ab]$/,
    'rate-limit': /^rate-limit:/
  }
  for (const [family, pattern] of Object.entries(families)) {
    t.ok(keys.some(key => pattern.test(key)), `the flow left a ${family} key to check (keys: ${keys.join(' ')})`)
  }
  const lasting: string[] = []
  for (const key of keys) {
    const ttl = await redisCli.pttl(prefix + key)
    if (FIXED_KEYS.includes(key)) continue
    if (ttl <= 0) lasting.push(`${key} (PTTL ${ttl})`)
    if (!key.startsWith('rate-limit:')) t.ok(ttl > keepMs - 120_000 && ttl <= keepMs, `${key} is kept for the retention plus a day (PTTL ${ttl})`)
    else t.ok(ttl > 0 && ttl <= 60_000, `${key} lasts at most the one-minute window (PTTL ${ttl})`)
  }
  t.strictSame(lasting, [], 'no key outside the fixed set lives for ever')
  t.ok(keys.filter(key => FIXED_KEYS.includes(key)).length <= FIXED_KEYS.length, 'the fixed keys are the handful listed')

  // A client's reset leaves none of its keys; a full reset leaves only fixed keys and the rate limit's counters.
  await control(b, 'DELETE', '/state?client_id=merchant-a')
  const afterClient = (await keysUnder(redisCli, prefix)).map(key => key.slice(prefix.length))
  t.strictSame(afterClient.filter(key => /merchant-a/.test(key) && !key.startsWith('rate-limit:')), [], 'DELETE /_sandbox/state?client_id=merchant-a leaves no merchant-a key')
  await control(a, 'DELETE', '/state')
  const afterAll = (await keysUnder(redisCli, prefix)).map(key => key.slice(prefix.length))
  t.strictSame(afterAll.filter(key => !FIXED_KEYS.includes(key) && !key.startsWith('rate-limit:')), [], 'a full reset leaves only fixed keys and rate-limit counters')
})

t.test('another program\'s keys under the prefix are unknown sessions: 404, never a crash', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('foreign')
  const a = await buildReplica(t, redis.url, prefix)
  const b = await buildReplica(t, redis.url, prefix)
  const real = await createSession(a)
  const redisCli = redisClient(t, redis.url)
  const stringKey = 'HELLO0000000000000000000000001'
  const hashKey = 'HASH00000000000000000000000002'
  const listKey = 'LIST00000000000000000000000003'
  const jsonKey = 'JSON00000000000000000000000004'
  const copyKey = 'COPY00000000000000000000000005'
  await redisCli.set(`${prefix}session:${stringKey}`, 'hello')
  await redisCli.hset(`${prefix}session:${hashKey}`, 'a', 'b')
  await redisCli.rpush(`${prefix}session:${listKey}`, 'x')
  await redisCli.set(`${prefix}session:${jsonKey}`, '{"id":7,"token":"JSON00000000000000000000000004"}')
  // A whole session stored under another token's key: not the session that token names.
  await redisCli.set(`${prefix}session:${copyKey}`, await redisCli.get(`${prefix}session:${real}`) as string)
  // And the sandbox's index naming the foreign ones, as if it had stored them.
  for (const [i, token] of [stringKey, hashKey, listKey, jsonKey].entries()) await redisCli.zadd(`${prefix}sessions`, 1000 + i, token)

  for (const token of [stringKey, hashKey, listKey, jsonKey, copyKey]) {
    for (const [name, app] of [['A', a], ['B', b]] as const) {
      const api = await getRecord(app, token)
      t.strictSame({ status: api.statusCode, body: api.json() }, { status: 404, body: NOT_FOUND }, `GET ${token.slice(0, 4)} on ${name}: 404 envelope`)
      t.equal((await app.inject({ method: 'GET', url: `/verifications?token=${token}&scenario=pass` })).statusCode, 404, `the page for ${token.slice(0, 4)} on ${name}: 404`)
      t.equal((await control(app, 'GET', `/verifications/${token}`)).statusCode, 404, `the control plane view of ${token.slice(0, 4)} on ${name}: 404`)
      t.equal((await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })).statusCode, 404, `complete ${token.slice(0, 4)} on ${name}: 404`)
      t.equal((await control(app, 'POST', `/verifications/${token}/expire`)).statusCode, 404, `expire ${token.slice(0, 4)} on ${name}: 404`)
    }
  }
  const listed = (await control(b, 'GET', '/verifications')).json()
  t.equal(listed.status, 200, 'the list answers')
  t.strictSame(listed.result.map((v: { token: string }) => v.token), [real], 'and shows only the sandbox\'s own session')
  t.equal((await getRecord(b, real)).statusCode, 200, 'the real session still reads')
  t.equal((await b.inject({ method: 'GET', url: '/verifications?token=' + real + '&scenario=pass' })).statusCode, 303, 'and finishes')
  t.equal((await a.inject({ method: 'GET', url: '/health' })).statusCode, 200, '/health is 200')
  t.equal((await control(a, 'DELETE', '/state')).statusCode, 200, 'a reset answers')
  t.equal((await createSession(b)).length, 30, 'and the sandbox goes on creating sessions')
})

// The session index drops the token of a session whose key expired as a list walks past it, so
// /health stops counting it; a bound secret's TTL restarts on every use, so a client in daily use
// keeps its binding.
t.test('what Redis forgets by TTL: sessions stop counting, a secret in use is kept', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('expiry')
  const a = await buildReplica(t, redis.url, prefix)
  const b = await buildReplica(t, redis.url, prefix)
  const redisCli = redisClient(t, redis.url)
  const kept = await createSession(a)
  const forgotten = await createSession(b)
  // Redis forgets the session as its TTL would, a day after the retention.
  await redisCli.pexpire(`${prefix}session:${forgotten}`, 1)
  await eventually('the key expired', async () => await redisCli.exists(`${prefix}session:${forgotten}`) === 0 ? true : undefined)
  t.strictSame((await getRecord(b, forgotten)).json(), NOT_FOUND, 'the forgotten session is a 404')
  t.strictSame((await control(a, 'GET', '/verifications')).json().result.map((v: { token: string }) => v.token), [kept], 'the list skips it')
  await control(a, 'GET', '/verifications?client_id=merchant-a')
  t.equal((await a.inject({ method: 'GET', url: '/health' })).json().sessions, 1, '/health counts only the session Redis still holds')

  const ttlAfterBinding = await redisCli.pttl(`${prefix}secret:merchant-a`)
  await new Promise(resolve => setTimeout(resolve, 1200))
  t.equal((await getRecord(b, kept)).statusCode, 200, 'merchant-a uses its bound secret again, 1.2 s later')
  const ttlAfterUse = await redisCli.pttl(`${prefix}secret:merchant-a`)
  t.ok(ttlAfterUse > ttlAfterBinding, `using the bound secret restarts its TTL (${ttlAfterBinding} ms after binding, ${ttlAfterUse} ms after the use)`)
})

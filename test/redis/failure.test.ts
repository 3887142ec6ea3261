// When Redis is not there, or not usable: start-up stops at once, naming REDIS_URL and never its
// password; a Redis that goes away under load turns calls into 503s in the envelope, and once it
// is back the same sandbox process serves again, with nothing lost or half-written.
import t from 'tap'
import { startSandbox } from '../../src/index.js'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { eventually, freeLoopbackPort, keysUnder, redisClient, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { assertBuilt, runCli, waitForHealth, type CliRun } from '../ship/helpers.js'

assertBuilt()

const NAME = 'maschain-ekyc-sandbox'
const UNAVAILABLE = { status: 503, message: 'The sandbox\'s state store (Redis) is unavailable; try again shortly.' }

interface Outcome { code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number }

/** Runs the CLI to its exit (killed past 60 s: a busy CI machine is slow to start Node), with only PATH and `env`. */
async function runToExit (args: string[], env: Record<string, string>): Promise<Outcome> {
  const started = Date.now()
  const run = runCli(args, { LOG_LEVEL: 'warn', ...env })
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 60_000)
  const { code, signal } = await run.exited
  clearTimeout(timer)
  return { code, signal, ...run.output(), ms: Date.now() - started }
}

t.test('start-up against a port nothing listens on exits 1 naming REDIS_URL, never the password', async t => {
  const port = await freeLoopbackPort()
  const url = `redis://:hunter2@127.0.0.1:${port}/0`
  const shown = `redis://:***@127.0.0.1:${port}/0`
  const [byVariable, byFlag] = await Promise.all([
    runToExit([], { REDIS_URL: url, PORT: String(await freeLoopbackPort()) }),
    runToExit(['--redis-url', url], { PORT: String(await freeLoopbackPort()) })
  ])
  for (const [how, outcome] of [['REDIS_URL', byVariable], ['--redis-url', byFlag]] as const) {
    t.equal(outcome.code, 1, `${how}: exit code 1 (${outcome.ms} ms)`)
    t.ok(outcome.stderr.startsWith(`${NAME}: start-up failed: REDIS_URL: `), `${how}: the message names REDIS_URL: ${outcome.stderr}`)
    t.match(outcome.stderr, shown, `${how}: it names the URL with the password masked`)
    t.match(outcome.stderr, /ECONNREFUSED/, `${how}: and says the connection was refused`)
    t.notMatch(outcome.stdout + outcome.stderr, 'hunter2', `${how}: the password appears nowhere in the output`)
    t.equal(outcome.stderr.split('\n').filter(Boolean).length, 1, `${how}: one line: it gives up rather than retrying`)
  }
})

t.test('a wrong or missing password exits 1 naming the problem, never the password', async t => {
  const redis = await startRedis(t, { password: 'right-pw-42' })
  // The right password too, at the same time: it starts, and the output does not show it either.
  const port = await freeLoopbackPort()
  const right = runCli([], { REDIS_URL: redis.url, PORT: String(port), LOG_LEVEL: 'info' })
  t.teardown(() => { right.child.kill('SIGKILL') })
  const started = waitForHealth(`http://127.0.0.1:${port}/health`, right).then(async res => await res.json())
  started.catch(() => {}) // awaited below; this only keeps a failure meanwhile from counting as unhandled
  const [wrong, wrongUser, missing] = await Promise.all([
    runToExit([], { REDIS_URL: `redis://:wrong-pw-17@127.0.0.1:${redis.port}/0`, PORT: String(await freeLoopbackPort()) }),
    runToExit([], { REDIS_URL: `redis://someone:wrong-pw-17@127.0.0.1:${redis.port}/0`, PORT: String(await freeLoopbackPort()) }),
    runToExit([], { REDIS_URL: `redis://127.0.0.1:${redis.port}/0`, PORT: String(await freeLoopbackPort()) })
  ])
  for (const [how, outcome, shown] of [
    ['wrong password', wrong, `redis://:***@127.0.0.1:${redis.port}/0`],
    ['wrong user and password', wrongUser, `redis://someone:***@127.0.0.1:${redis.port}/0`],
    ['no password', missing, `redis://127.0.0.1:${redis.port}/0`]
  ] as const) {
    t.equal(outcome.code, 1, `${how}: exit code 1`)
    t.ok(outcome.stderr.startsWith(`${NAME}: start-up failed: REDIS_URL: Redis at ${shown} refused the credentials`),
      `${how}: the message names REDIS_URL, the masked URL and the credentials: ${outcome.stderr}`)
    t.notMatch(outcome.stdout + outcome.stderr, /wrong-pw-17|right-pw-42/, `${how}: no password appears in the output`)
  }
  t.match(wrong.stderr, /WRONGPASS/, 'Redis\'s own word for a wrong password is kept')
  t.match(missing.stderr, /NOAUTH/, 'and for a missing one')

  t.strictSame(await started, { status: 'ok', sessions: 0, state: 'redis' }, 'with the right password it starts on Redis')
  right.child.kill('SIGTERM')
  t.equal((await right.exited).code, 0, 'and stops cleanly')
  t.match(right.output().stderr, `Redis at redis://:***@127.0.0.1:${redis.port}/0`, 'the banner names the Redis, masked')
  t.notMatch(right.output().stdout + right.output().stderr, 'right-pw-42', 'the banner and the logs never show the password')
})

t.test('a malformed REDIS_URL is a configuration error naming it (exit 1); as --redis-url, a usage error (exit 2)', async t => {
  const cases = [
    ['redis//x', 'is not a URL'],
    ['http://x', 'must start with redis:// or rediss://, got "http://"'],
    ['redis://h:1/abc', 'database must be a number (redis://host:6379/0), got "/abc"']
  ] as const
  const outcomes = await Promise.all(cases.flatMap(([url]) => [runToExit([], { REDIS_URL: url }), runToExit(['--redis-url', url], {})]))
  for (const [i, [url, problem]] of cases.entries()) {
    const byVariable = outcomes[2 * i]
    const byFlag = outcomes[2 * i + 1]
    t.equal(byVariable.code, 1, `REDIS_URL=${url}: exit code 1`)
    t.ok(byVariable.stderr.startsWith(`${NAME}: configuration error: REDIS_URL: ${problem}`), `REDIS_URL=${url}: named: ${byVariable.stderr}`)
    t.equal(byFlag.code, 2, `--redis-url ${url}: exit code 2, a usage error`)
    t.equal(byFlag.stderr, `${NAME}: --redis-url: ${byFlag.stderr.slice(`${NAME}: --redis-url: `.length)}`, `--redis-url ${url}: the message names the flag`)
    t.match(byFlag.stderr, problem, `--redis-url ${url}: and the problem`)
    t.match(byFlag.stderr, `Try '${NAME} --help'.`, `--redis-url ${url}: with a pointer to --help`)
    t.equal(byVariable.stdout + byFlag.stdout, '', `${url}: nothing on stdout`)
  }
  const empty = await runToExit(['--redis-url', ' '], {})
  t.equal(empty.code, 2, 'an empty --redis-url is a usage error')
  t.match(empty.stderr, '--redis-url needs a value', 'named')
})

t.test('--redis-url works as REDIS_URL does, and wins over it', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('flag')
  const start = async (args: string[], env: Record<string, string>): Promise<{ run: CliRun, url: string }> => {
    const port = await freeLoopbackPort()
    const run = runCli(args, { PORT: String(port), LOG_LEVEL: 'warn', REDIS_PREFIX: prefix, ...env })
    t.teardown(() => { run.child.kill('SIGKILL') })
    const url = `http://127.0.0.1:${port}`
    await waitForHealth(`${url}/health`, run)
    return { run, url }
  }
  // The flag wins over a variable that would not even load.
  const [byFlag, byVariable] = await Promise.all([start(['--redis-url', redis.url], { REDIS_URL: 'http://not-redis' }), start([], { REDIS_URL: redis.url })])
  t.strictSame(await (await fetch(`${byFlag.url}/health`)).json(), { status: 'ok', sessions: 0, state: 'redis' }, 'started with --redis-url, on Redis')
  const created = await fetch(`${byFlag.url}/api/ekyc/verifications`, { method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY) })
  const token = (await created.json()).result.token as string
  const keys = await keysUnder(redisClient(t, redis.url), prefix)
  t.ok(keys.includes(`${prefix}session:${token}`), 'the session created through the flag\'s process is in Redis under REDIS_PREFIX')
  const read = await fetch(`${byVariable.url}/api/ekyc/verifications/${token}`, { headers: CREDENTIALS })
  t.equal(read.status, 200, 'the process started with REDIS_URL on the same Redis reads it: one sandbox')
})

t.test('Redis stopped under load: 503s in the envelope and /health 503; back without a restart, nothing lost', async t => {
  const redis = await startRedis(t, { persist: true })
  const prefix = uniquePrefix('outage')
  const sandbox = await startSandbox({ redisUrl: redis.url, redisPrefix: prefix })
  t.teardown(() => sandbox.stop())
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => await fetch(`${sandbox.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...CREDENTIALS, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const create = async () => await call('POST', '/api/ekyc/verifications', VALID_BODY)

  // Before: a few sessions, one finished.
  const before: string[] = []
  for (let i = 0; i < 5; i++) before.push((await (await create()).json()).result.token)
  t.equal((await call('GET', `/verifications?token=${before[0]}&scenario=pass`)).status, 303, 'one session finished before the outage')
  const bytesBefore = await Promise.all(before.map(async token => await (await call('GET', `/api/ekyc/verifications/${token}`)).text()))

  // The load: four workers, each a create then a read of what it created (or of a session made before).
  // Phases: before (Redis up), down (being stopped, until /health says 503), outage (after that),
  // back (started again, until /health says 200), after. Only calls that started and ended within
  // before, outage or after are held to a strict outcome; every answer must be a 200 or the 503 envelope.
  type Phase = 'before' | 'down' | 'outage' | 'back' | 'after'
  let phase: Phase = 'before'
  let running = true
  const answers: Array<{ phase: Phase, what: string, status: number, body: string }> = []
  const failures: string[] = []
  const created = new Set<string>()
  /** One call, filed under its phase: the phase it started and ended in, or 'down'/'back' when it straddled a change. */
  const timed = async (what: string, send: () => Promise<Response>) => {
    const at = phase
    try {
      const res = await send()
      const body = await res.text()
      answers.push({ phase: phase === at ? at : at === 'before' || at === 'down' ? 'down' : 'back', what, status: res.status, body })
      return { status: res.status, body }
    } catch (err) {
      failures.push(`${what} in phase ${at}: ${String(err)}`)
      return { status: 0, body: '' }
    }
  }
  const worker = async (n: number) => {
    for (let i = 0; running; i++) {
      const made = await timed('create', create)
      const token = made.status === 200 ? JSON.parse(made.body).result.token as string : before[(n + i) % before.length]
      if (made.status === 200) created.add(token)
      await timed('get', async () => await call('GET', `/api/ekyc/verifications/${token}`))
      await new Promise(resolve => setTimeout(resolve, 5))
    }
  }
  const workers = [0, 1, 2, 3].map(worker)
  const settle = async (ms: number) => await new Promise(resolve => setTimeout(resolve, ms))
  // Each phase lasts at least its time and until some of the load was answered in it: on a loaded
  // CI machine a fixed pause alone can end before the first answer.
  const answeredIn = async (p: Phase, ms: number) => {
    await settle(ms)
    await eventually(`an answer in phase ${p}`, async () => answers.some(a => a.phase === p) ? true : undefined, 20_000)
  }
  await answeredIn('before', 300)

  phase = 'down'
  await redis.stop()
  const down = await eventually('/health 503 once Redis is stopped', async () => {
    const res = await call('GET', '/health')
    return res.status === 503 ? await res.json() : undefined
  }, 15_000)
  t.strictSame(down, { status: 'unavailable', state: 'redis', message: 'Redis cannot be reached; the sandbox answers 503 until it is back.' }, '/health answers 503 naming Redis')
  phase = 'outage'
  await answeredIn('outage', 500)
  const get = await call('GET', `/api/ekyc/verifications/${before[1]}`)
  t.strictSame({ status: get.status, body: await get.json() }, { status: 503, body: UNAVAILABLE }, 'a GET during the outage is a 503 in the envelope')
  const post = await create()
  t.strictSame({ status: post.status, body: await post.json() }, { status: 503, body: UNAVAILABLE }, 'a create during the outage is a 503 in the envelope')
  const page = await call('GET', `/verifications?token=${before[2]}&scenario=pass`)
  t.equal(page.status, 503, 'the page during the outage answers 503')
  t.match(page.headers.get('content-type'), /^text\/html/, 'as the page\'s own HTML error page')
  const control = await fetch(`${sandbox.url}/_sandbox/verifications`)
  t.strictSame({ status: control.status, body: await control.json() }, { status: 503, body: UNAVAILABLE }, 'the control plane answers 503 in the envelope too')

  phase = 'back'
  await redis.start()
  const upAfter = Date.now()
  const up = await eventually('/health 200 once Redis is back', async () => {
    const res = await call('GET', '/health')
    return res.status === 200 ? await res.json() : undefined
  }, 20_000)
  t.equal(up.state, 'redis', `/health is 200 again ${Date.now() - upAfter} ms after Redis came back, without a restart`)
  phase = 'after'
  await answeredIn('after', 500)
  running = false
  await Promise.all(workers)

  t.strictSame(failures, [], 'no call failed at the HTTP level (every one was answered)')
  const by = (p: Phase) => answers.filter(a => a.phase === p)
  t.ok(by('before').length > 0 && by('outage').length > 0 && by('after').length > 0, `the load ran through every phase (${['before', 'outage', 'after'].map(p => `${p}: ${by(p as Phase).length}`).join(', ')})`)
  t.strictSame(by('before').filter(a => a.status !== 200), [], 'every call answered before Redis was stopped succeeded')
  t.strictSame(by('outage').filter(a => a.status !== 503), [], 'during the outage every call was a 503')
  t.strictSame(answers.filter(a => a.status !== 200 && !(a.status === 503 && a.body === JSON.stringify(UNAVAILABLE))), [],
    'whenever a call failed it was the 503 envelope: no 500, no other error')
  t.strictSame(by('after').filter(a => a.status !== 200), [], 'once /health was 200 again every call succeeded')

  // Nothing lost, nothing half-written.
  const bytesAfter = await Promise.all(before.map(async token => await (await call('GET', `/api/ekyc/verifications/${token}`)).text()))
  t.strictSame(bytesAfter, bytesBefore, 'the sessions made before the outage read the same bytes after it')
  const unread = (await Promise.all([...created].map(async token =>
    (await call('GET', `/api/ekyc/verifications/${token}`)).status === 200 ? null : token))).filter(x => x !== null)
  t.strictSame(unread, [], `every one of the ${created.size} creates answered 200 reads after the outage`)
  const listed = (await (await fetch(`${sandbox.url}/_sandbox/verifications?limit=5000`)).json()).result as Array<{ token: string }>
  t.ok(listed.length >= before.length + created.size, `the control plane lists them all (${listed.length})`)
  const whole = (await Promise.all(listed.map(async v => (await call('GET', `/api/ekyc/verifications/${v.token}`)).status === 200))).every(Boolean)
  t.ok(whole, 'every listed session is whole: it reads')
  const finish = await call('GET', `/verifications?token=${before[2]}&scenario=pass`)
  t.equal(finish.headers.get('location'), 'https://merchant.example/ekyc/return?order=42&is_success=1#done', 'the page finishes a session after the outage')
})

// A frozen Redis (SIGSTOP here; a paused VM or a partition dropping packets in real life) keeps the
// connection "ready": every call is bounded by the client's command timeout, so /health and the API
// answer 503 within seconds instead of waiting for ever.
t.test('a frozen Redis (SIGSTOP): /health and the API answer 503 within seconds, and recover', async t => {
  const redis = await startRedis(t)
  const sandbox = await startSandbox({ redisUrl: redis.url, redisPrefix: uniquePrefix('frozen') })
  t.teardown(() => sandbox.stop())
  const token = (await (await fetch(`${sandbox.url}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })).json()).result.token as string
  /**
   * The status, or 'no answer' after 8 s: four times the 2 s command timeout, so a loaded CI
   * machine's event-loop lag cannot fail it, while a call waiting on Redis for ever still does.
   */
  const statusOf = async (path: string, headers: Record<string, string> = {}) => {
    try {
      return (await fetch(`${sandbox.url}${path}`, { headers, signal: AbortSignal.timeout(8000) })).status
    } catch {
      return 'no answer in 8 s'
    }
  }
  redis.pause()
  const [health, get] = await Promise.all([statusOf('/health'), statusOf(`/api/ekyc/verifications/${token}`, CREDENTIALS)])
  t.equal(health, 503, '/health answers 503 while Redis is frozen')
  t.equal(get, 503, 'a GET answers 503 while Redis is frozen')
  redis.resume()
  const back = await eventually('/health 200 once Redis is resumed', async () => {
    const res = await fetch(`${sandbox.url}/health`)
    return res.status === 200 ? res.status : undefined
  }, 10_000)
  t.equal(back, 200, '/health is 200 again once Redis answers')
  t.equal(await statusOf(`/api/ekyc/verifications/${token}`, CREDENTIALS), 200, 'and the session reads')
})

// ioredis reports a refused SELECT only as an event: start-up checks it, or a sandbox given /99
// would keep its state in database 0, among whatever else lives there.
t.test('a database number Redis refuses stops start-up naming REDIS_URL, and nothing lands in database 0', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('db99')
  // A database Redis has: the sandbox's keys are there, and only there.
  const onDb3 = await startSandbox({ redisUrl: `redis://127.0.0.1:${redis.port}/3`, redisPrefix: prefix })
  t.teardown(() => onDb3.stop())
  t.equal((await fetch(`${onDb3.url}/api/ekyc/verifications`, { method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY) })).status, 200, 'a sandbox on /3 creates a session')
  t.ok((await keysUnder(redisClient(t, `redis://127.0.0.1:${redis.port}/3`), prefix)).some(key => key.startsWith(`${prefix}session:`)), 'its keys are in database 3')
  t.strictSame(await keysUnder(redisClient(t, `redis://127.0.0.1:${redis.port}/0`), prefix), [], 'and none in database 0')
  await onDb3.stop()

  let started: Awaited<ReturnType<typeof startSandbox>> | undefined
  const outcome = await startSandbox({ redisUrl: `redis://127.0.0.1:${redis.port}/99`, redisPrefix: prefix })
    .then(sandbox => { started = sandbox; return 'started' }, (err: Error) => err.message)
  if (started !== undefined) t.teardown(() => started?.stop())
  t.match(outcome, /^REDIS_URL: .*DB index is out of range/, `start-up fails naming REDIS_URL and the reason (got: ${outcome})`)
  if (started !== undefined) {
    await fetch(`${started.url}/api/ekyc/verifications`, { method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY) })
    const inDb0 = await keysUnder(redisClient(t, `redis://127.0.0.1:${redis.port}/0`), prefix)
    t.strictSame(inDb0, [], 'no key of the sandbox lands in database 0')
  }
})

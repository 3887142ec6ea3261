// What the built sandbox logs about its journal: nothing on a good call in memory mode, and a
// warning naming the error when Redis refuses an entry, while the caller still gets its answer.
import t, { type Test } from 'tap'
import { Redis } from 'ioredis'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { startRedis } from '../helpers/redis-server.js'
import { assertBuilt, freePort, runCli, waitForHealth, type CliRun } from './helpers.js'

assertBuilt()

interface LogLine { level: number, msg?: string, err?: { message?: string } }

/** stdout's JSON lines (pino); a line that is not JSON fails the test. */
function logLines (run: CliRun): LogLine[] {
  return run.output().stdout.split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line) as LogLine)
}

/** A create, the record, the page and a refused call: every emulated surface's journal entry. */
async function calls (base: string): Promise<number[]> {
  const created = await fetch(`${base}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  const { result } = await created.json() as { result: { token: string } }
  const statuses = [created.status]
  for (const [path, headers] of [[`/api/ekyc/verifications/${result.token}`, CREDENTIALS], [`/verifications?token=${result.token}`, {}], [`/api/ekyc/verifications/${result.token}`, {}]] as const) {
    statuses.push((await fetch(`${base}${path}`, { headers })).status)
  }
  return statuses
}

async function start (t: Test, env: Record<string, string>): Promise<{ base: string, run: CliRun }> {
  const port = await freePort()
  const run = runCli(['--port', String(port)], { LOG_LEVEL: 'info', ...env })
  t.teardown(() => { run.child.kill('SIGKILL') })
  const base = `http://127.0.0.1:${port}`
  await waitForHealth(`${base}/health`, run)
  return { base, run }
}

/** Waits until the journal of the last call has been written (it is written as the answer leaves). */
async function settle (): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, 200))
}

t.test('memory mode: calls on every emulated surface log no warning and no error, even at debug', async t => {
  // At debug Fastify also logs what a hook throws after the answer (at other levels it stays silent).
  const { base, run } = await start(t, { LOG_LEVEL: 'debug' })
  t.strictSame(await calls(base), [200, 200, 200, 401])
  await settle()
  const journal = await (await fetch(`${base}/_sandbox/requests`)).json() as { result: Array<{ status: number }> }
  t.strictSame(journal.result.map(e => e.status), [401, 200, 200, 200], 'each call journalled, newest first')
  t.strictSame(logLines(run).filter(l => l.level >= 40), [], 'nothing at warn or above')
})

t.test('Redis refusing a journal entry: the caller gets its answer, the log a warning with the error', async t => {
  const redis = await startRedis(t)
  const prefix = 'journal-log:'
  const { base, run } = await start(t, { REDIS_URL: redis.url, REDIS_PREFIX: prefix })
  // A string where the journal's list should be: every entry is refused with WRONGTYPE.
  const client = new Redis(redis.url)
  t.teardown(() => client.disconnect())
  await client.set(`${prefix}journal`, 'not a list')
  t.strictSame(await calls(base), [200, 200, 200, 401], 'every call answered as without the fault')
  await settle()
  const warnings = logLines(run).filter(l => l.level >= 40)
  t.equal(warnings.length, 4, 'one line per lost entry')
  for (const line of warnings) {
    t.equal(line.level, 40, 'a warning, not an error')
    t.equal(line.msg, 'journal entry not recorded')
    t.match(line.err?.message, /WRONGTYPE/, 'naming what Redis said')
  }
})

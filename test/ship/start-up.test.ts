// What a person sees when they start the sandbox: the banner on stderr (JSON logs stay on stdout),
// the default port 3939, and `npm start` starting the existing build without compiling anything.
import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import t from 'tap'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { assertBuilt, CLI, freePort, killGroup, ROOT, runCli, runProcess, waitForHealth, type CliRun } from './helpers.js'

assertBuilt()

async function stop (run: CliRun): Promise<void> {
  run.child.kill('SIGTERM')
  await run.exited
}

/** Waits until stderr holds the whole banner (it is written right after listening). */
async function bannerOf (run: CliRun): Promise<string> {
  const deadline = Date.now() + 30_000
  while (!/LOG_LEVEL=warn hides this banner\.\n/.test(run.output().stderr)) {
    if (run.child.exitCode !== null || Date.now() > deadline) throw new Error(`no banner: ${JSON.stringify(run.output())}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return run.output().stderr
}

t.test('the CLI prints the banner on stderr at the default log level, and the JSON log line on stdout', async t => {
  const port = await freePort()
  const run = runCli(['--port', String(port), '--seed', 'banner'], { RATE_LIMIT_PER_MINUTE: '400' })
  t.teardown(() => { run.child.kill('SIGKILL') })
  await waitForHealth(`http://127.0.0.1:${port}/health`, run)
  const stderr = await bannerOf(run)
  const lines = stderr.split('\n')
  t.equal(lines[0], `maschain-ekyc-sandbox listening on http://127.0.0.1:${port}`)
  t.equal(lines[1], `  console:       http://localhost:${port}/`, 'the console is the first line after the address')
  t.matchStrict(stderr, `  hosted page:   http://localhost:${port}/verifications?token=…\n`)
  t.matchStrict(stderr, `  API docs:      http://localhost:${port}/documentation\n`)
  t.matchStrict(stderr, `  control plane: http://localhost:${port}/_sandbox\n`)
  t.matchStrict(stderr, /credentials: +open:/)
  t.matchStrict(stderr, /seed: +"banner"/)
  t.matchStrict(stderr, /rate limit: +400 calls a minute per client_id/)
  const documentation = await fetch(`http://127.0.0.1:${port}/documentation/json`)
  t.equal(documentation.status, 200, 'the documentation the banner names is there')
  const log = run.output().stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as { msg: string })
  t.ok(log.some(entry => entry.msg === `Server listening at http://127.0.0.1:${port}`), 'the machine-readable log line stays')
  await stop(run)
})

t.test('LOG_LEVEL=warn silences the banner', async t => {
  const port = await freePort()
  const run = runCli([], { PORT: String(port), LOG_LEVEL: 'warn' })
  t.teardown(() => { run.child.kill('SIGKILL') })
  await waitForHealth(`http://127.0.0.1:${port}/health`, run)
  await stop(run)
  t.strictSame(run.output(), { stdout: '', stderr: '' })
})

t.test('with no PORT the sandbox takes 3939: it answers there, or says 3939 is taken', async t => {
  // Another process on this machine may hold 3939; either way the default shows.
  const run = runCli([], {})
  t.teardown(() => { run.child.kill('SIGKILL') })
  const outcome = await Promise.race([
    run.exited.then(() => 'exited' as const),
    bannerOf(run).then(() => 'banner' as const)
  ])
  if (outcome === 'banner') {
    t.matchStrict(run.output().stderr, /^maschain-ekyc-sandbox listening on http:\/\/127\.0\.0\.1:3939\n {2}console: +http:\/\/localhost:3939\/\n/)
    const health = await fetch('http://127.0.0.1:3939/health')
    t.equal(health.status, 200)
    await stop(run)
  } else {
    t.matchStrict(run.output().stderr, /start-up failed: .*EADDRINUSE.*:3939/, '3939 was taken, and the message says so')
  }
})

t.test('npm start serves the existing build at once: no compile when dist/ is up to date', async t => {
  const check = await new Promise<number | null>(resolve => spawn(process.execPath, ['scripts/build-if-stale.mjs', '--check'], { cwd: ROOT, stdio: 'ignore' }).once('close', resolve))
  t.equal(check, 0, 'npm test built dist/ just now (pretest)')
  const builtAt = statSync(CLI).mtimeMs
  const port = await freePort()
  // Its own process group: npm, the shell and node all stop together.
  const run = runProcess('npm', ['start'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port) }, detached: true })
  const child = run.child
  t.teardown(() => { killGroup(child, 'SIGKILL') })

  await waitForHealth(`http://127.0.0.1:${port}/health`, run)
  const stderrText = await bannerOf(run)
  t.matchStrict(stderrText, `maschain-ekyc-sandbox listening on http://127.0.0.1:${port}\n  console:       http://localhost:${port}/\n`)
  t.notMatch(stderrText, /building/, 'prestart did not build')
  t.equal(statSync(CLI).mtimeMs, builtAt, 'dist/cli.js was not rewritten')
  const created = await fetch(`http://127.0.0.1:${port}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  t.equal(created.status, 200)
  t.matchStrict(await created.json(), { result: { url: new RegExp(`^http://localhost:${port}/verifications\\?token=`) } })
  killGroup(child, 'SIGTERM')
  await run.exited
})

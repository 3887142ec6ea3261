import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { assertBuilt, freePort, runCli, waitForHealth } from './helpers.js'

assertBuilt()

t.test('flags set the configuration and win over the environment; SIGTERM stops it fast with exit code 0', async t => {
  const port = await freePort()
  const scenarios = mkdtempSync(join(tmpdir(), 'ship-scenarios-'))
  t.teardown(() => rmSync(scenarios, { recursive: true, force: true }))
  writeFileSync(join(scenarios, 'team-pass.json'), JSON.stringify({
    name: 'team-pass', title: 'Our own pass', group: 'passes', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 88 }] }
  }))
  const publicUrl = `http://ekyc-sandbox.test:${port}`
  const run = runCli(
    ['--port', String(port), '--host', '127.0.0.1', '--public-url', publicUrl, '--seed', 'ship', '--scenarios-dir', scenarios, '--scenario', 'team-pass'],
    { PORT: '1', PUBLIC_URL: 'http://from-env.example', SANDBOX_SEED: 'from-env', DEFAULT_SCENARIO: 'pass', LOG_LEVEL: 'warn' }
  )
  t.teardown(() => { run.child.kill('SIGKILL') })
  const base = `http://127.0.0.1:${port}`

  const health = await waitForHealth(`${base}/health`, run)
  t.matchStrict(await health.json(), { status: 'ok' }, '/health answers on --port')

  const created = await fetch(`${base}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  t.equal(created.status, 200)
  const { result } = await created.json() as { result: { url: string, token: string } }
  t.equal(result.url, `${publicUrl}/verifications?token=${result.token}`, 'result.url starts with --public-url')

  // The same seed in-process gives the same first token: --seed reached SANDBOX_SEED.
  const { app: twin } = await buildTestApp(t, { SANDBOX_SEED: 'ship' })
  t.equal(result.token, await createSession(twin), '--seed makes tokens repeatable')

  const session = await (await fetch(`${base}/_sandbox/verifications/${result.token}`)).json() as { result: { armed_scenario: string } }
  t.equal(session.result.armed_scenario, 'team-pass', '--scenario arms sessions with a scenario from --scenarios-dir')
  const catalogue = await (await fetch(`${base}/_sandbox/scenarios`)).json() as { result: Array<{ name: string }> }
  t.strictSame(catalogue.result.map(s => s.name), ['team-pass'], '--scenarios-dir replaces the built-in catalogue')

  const killedAt = Date.now()
  run.child.kill('SIGTERM')
  const { code, signal } = await run.exited
  const took = Date.now() - killedAt
  t.strictSame({ code, signal }, { code: 0, signal: null }, 'exit code 0 after SIGTERM')
  t.ok(took < 3000, `stopped within 3 s of SIGTERM (took ${took} ms)`)
  t.notMatch(run.output().stderr, /error/i, 'nothing on stderr')
})

t.test('--help prints the usage with every flag and the environment variables, exit code 0', async t => {
  const run = runCli(['--help'])
  const { code } = await run.exited
  const { stdout } = run.output()
  t.equal(code, 0)
  t.matchStrict(stdout, /^Usage: maschain-ekyc-sandbox \[options\]/)
  t.matchStrict(stdout, /Defaults: PORT 3939,/, 'names the default port')
  for (const flag of ['--port', '--host', '--public-url', '--scenario', '--seed', '--scenarios-dir', '--help']) t.matchStrict(stdout, flag)
  for (const variable of ['PORT', 'HOST', 'PUBLIC_URL', 'DEFAULT_SCENARIO', 'SANDBOX_SEED', 'SCENARIOS_DIR', 'EKYC_CLIENTS', 'SANDBOX_ADMIN_TOKEN', 'LOG_LEVEL']) {
    t.matchStrict(stdout, new RegExp(`\\b${variable}\\b`), `mentions ${variable}`)
  }
})

t.test('a mistake on the command line exits 2 with a message naming the flag', async t => {
  const cases: Array<[string[], RegExp]> = [
    [['--prot', '3000'], /Unknown option '--prot'/],
    [['--port', 'abc'], /--port: must be a whole number, got "abc"/],
    [['--port', '70000'], /--port: must be between 0 and 65535/],
    [['--public-url', 'ekyc.local'], /--public-url: must be an absolute http\(s\) URL/],
    [['--scenario', 'Not A Name'], /--scenario: must be a scenario name/],
    [['--request-timeout', '0'], /--request-timeout: must be between 1 and 3600/],
    [['--max-connections', 'many'], /--max-connections: must be a whole number/],
    [['--port'], /'--port <value>' argument missing/],
    [['serve'], /Unexpected argument 'serve'/]
  ]
  await Promise.all(cases.map(async ([args, message]) => {
    const run = runCli(args, { PORT: '0' })
    const { code } = await run.exited
    const { stdout, stderr } = run.output()
    t.equal(code, 2, `${args.join(' ')}: exit code 2`)
    t.matchStrict(stderr, message, `${args.join(' ')}: names the flag`)
    t.matchStrict(stderr, /--help/, `${args.join(' ')}: points at --help`)
    t.equal(stdout, '', `${args.join(' ')}: nothing started`)
  }))
})

t.test('a bad environment value stops start-up with a message naming the variable', async t => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /configuration error: PORT: must be a whole number/],
    [{ PORT: '0', EKYC_CLIENTS: 'only-an-id' }, /configuration error: EKYC_CLIENTS:/],
    [{ PORT: '0', SCENARIOS_DIR: '/nonexistent/scenarios' }, /\/nonexistent\/scenarios/]
  ]
  await Promise.all(cases.map(async ([env, message]) => {
    const run = runCli([], env)
    const { code } = await run.exited
    t.not(code, 0, `${JSON.stringify(env)}: non-zero exit code`)
    t.matchStrict(run.output().stderr, message, `${JSON.stringify(env)}: names it`)
  }))
})

t.test('--port 0 listens on a free port, and result.url carries the port actually bound', async t => {
  const run = runCli(['--port', '0'], { LOG_LEVEL: 'info' })
  t.teardown(() => { run.child.kill('SIGKILL') })
  let port: string | undefined
  for (let i = 0; i < 600 && port === undefined; i++) {
    port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output().stdout)?.[1]
    if (port === undefined) await new Promise(resolve => setTimeout(resolve, 50))
  }
  t.ok(port !== undefined && port !== '0', `listening on port ${port}`)
  const created = await fetch(`http://127.0.0.1:${port}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  const { result } = await created.json() as { result: { url: string, token: string } }
  t.equal(result.url, `http://localhost:${port}/verifications?token=${result.token}`)
  t.equal((await fetch(result.url.replace('localhost', '127.0.0.1'))).status, 200, 'a live link')
})

t.test('--scenario with a name the catalogue lacks exits 2 naming --scenario', async t => {
  const run = runCli(['--scenario', 'no-such-name'], { PORT: '0' })
  const { code } = await run.exited
  const { stdout, stderr } = run.output()
  t.equal(code, 2)
  t.matchStrict(stderr, /^maschain-ekyc-sandbox: --scenario: no scenario named "no-such-name" \(known: .*pass/)
  t.matchStrict(stderr, /--help/)
  t.notMatch(stdout, /listening/)
})

t.test('DEFAULT_SCENARIO with a name the catalogue lacks is a configuration error naming the variable', async t => {
  const run = runCli([], { PORT: '0', DEFAULT_SCENARIO: 'no-such-name' })
  const { code } = await run.exited
  t.equal(code, 1)
  t.matchStrict(run.output().stderr, /configuration error: DEFAULT_SCENARIO: no scenario named "no-such-name"/)
})

// The package as npm ships it: `npm pack`, installed into an empty project as a merchant would, then
// `npx maschain-ekyc-sandbox --help`, a real start through npx, and `startSandbox` imported by name.
// `files` must hold exactly what the bin and startSandbox load (and the declarations index.d.ts
// reaches): the set is worked out from the build's own import graph, so a missing or a stray file fails.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import t from 'tap'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { assertBuilt, freePort, killGroup, ROOT, runProcess, waitForHealth } from './helpers.js'

assertBuilt()
// Installing ~100 packages from npm's cache takes a while on a busy machine.
t.setTimeout(300_000)

/** Every file reached from `entry` through relative imports (`.d.ts` files through their `.js` names). */
function importGraph (entry: string): string[] {
  const seen = new Set<string>()
  const todo = [join(ROOT, entry)]
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = join(dirname(file), specifier)
      todo.push(file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target)
    }
  }
  return [...seen].map(file => relative(ROOT, file))
}

const dir = mkdtempSync(join(tmpdir(), 'pack-install-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

// dist/ is fresh (pretest built it); --ignore-scripts keeps `prepare` from building it again.
const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })
if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`)
const [pack] = JSON.parse(packed.stdout) as Array<{ filename: string, files: Array<{ path: string }> }>
const tarball = join(dir, pack.filename)

t.test('files ships exactly what the bin, startSandbox and its declarations load, and no tests or sources', async t => {
  const needed = new Set([
    'package.json',
    'README.md',
    'dist/cli.js',
    ...importGraph('dist/index.js'),
    ...importGraph('dist/index.d.ts'),
    // read at run time: the built-in catalogue and the identity lists
    ...readdirSync(join(ROOT, 'scenarios')).map(file => `scenarios/${file}`),
    ...readdirSync(join(ROOT, 'fixtures/identity')).map(file => `fixtures/identity/${file}`)
  ])
  const shipped = pack.files.map(file => file.path)
  t.strictSame(shipped.filter(file => !needed.has(file)), [], 'nothing shipped that nothing loads')
  t.strictSame([...needed].filter(file => !shipped.includes(file)), [], 'everything loaded is shipped')
  t.notOk(shipped.some(file => /^(src|test|bench|scripts|examples)\//.test(file)), 'no sources, tests, benchmarks or scripts')
})

const project = join(dir, 'merchant')
t.test('installs into an empty project', async t => {
  spawnSync('mkdir', ['-p', project])
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'merchant', private: true, type: 'module' }))
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball]
  // npm's cache normally holds every dependency; when it does not, the registry fills the gap.
  let install = spawnSync('npm', [...args, '--offline'], { cwd: project, encoding: 'utf8' })
  if (install.status !== 0) install = spawnSync('npm', args, { cwd: project, encoding: 'utf8' })
  t.equal(install.status, 0, install.stderr)
  t.notMatch(install.stderr, /EBADENGINE.*maschain-ekyc-sandbox/, 'this Node is in the package\'s engines')
})

t.test('npx maschain-ekyc-sandbox --help', async t => {
  const help = spawnSync('npx', ['--no-install', 'maschain-ekyc-sandbox', '--help'], { cwd: project, encoding: 'utf8' })
  t.equal(help.status, 0, help.stderr)
  t.matchStrict(help.stdout, /^Usage: maschain-ekyc-sandbox \[options\]/)
  t.matchStrict(help.stdout, /Defaults: PORT 3939,/)
})

t.test('npx maschain-ekyc-sandbox starts, prints the banner, answers /health and creates a session', async t => {
  const port = await freePort()
  // Its own process group: npx and the node it starts stop together.
  const run = runProcess('npx', ['--no-install', 'maschain-ekyc-sandbox', '--port', String(port), '--seed', 'packed'], {
    cwd: project, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, detached: true
  })
  const child = run.child
  t.teardown(() => { killGroup(child, 'SIGKILL') })

  const health = await waitForHealth(`http://127.0.0.1:${port}/health`, run, 60_000)
  t.matchStrict(await health.json(), { status: 'ok' })
  t.matchStrict(run.output().stderr, `maschain-ekyc-sandbox listening on http://127.0.0.1:${port}\n  console:       http://localhost:${port}/\n`)
  const created = await fetch(`http://127.0.0.1:${port}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  t.equal(created.status, 200)
  const { result } = await created.json() as { result: { url: string, token: string } }
  t.equal(result.url, `http://localhost:${port}/verifications?token=${result.token}`)
  const page = await fetch(`http://127.0.0.1:${port}/verifications?token=${result.token}`)
  t.equal(page.status, 200, 'the hosted page renders from the installed package')
  const scenarios = await (await fetch(`http://127.0.0.1:${port}/_sandbox/scenarios`)).json() as { result: unknown[] }
  t.equal(scenarios.result.length, readdirSync(join(ROOT, 'scenarios')).length, 'the built-in catalogue ships')
  // npx ends by the signal itself; the sandbox's own exit code on SIGTERM is test/ship/cli.test.ts's.
  killGroup(child, 'SIGTERM')
  await run.exited
})

t.test('startSandbox, imported by the package name in the merchant project, with its types', async t => {
  const script = [
    "import { startSandbox } from 'maschain-ekyc-sandbox'",
    "const sandbox = await startSandbox({ seed: 'packed' })",
    "const res = await fetch(sandbox.url + '/api/ekyc/verifications', { method: 'POST', headers: " + JSON.stringify({ ...CREDENTIALS, 'content-type': 'application/json' }) + ', body: ' + JSON.stringify(JSON.stringify(VALID_BODY)) + ' })',
    'const { result } = await res.json()',
    "const done = await sandbox.complete(result.token, 'pass')",
    'console.log(JSON.stringify({ status: res.status, is_success: done.record.is_success }))',
    'await sandbox.stop()'
  ].join('\n')
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  t.strictSame(JSON.parse(run.stdout), { status: 200, is_success: 1 })
  const types = readFileSync(join(project, 'node_modules/maschain-ekyc-sandbox/dist/index.d.ts'), 'utf8')
  t.matchStrict(types, /export declare function startSandbox/)
})

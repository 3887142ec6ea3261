// `npm start`'s prestart (scripts/build-if-stale.mjs) decides from modification times alone whether
// dist/ must be rebuilt; each case here is a checkout in a temporary folder with chosen times.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from './helpers.js'

const SCRIPT = join(ROOT, 'scripts/build-if-stale.mjs')
const FILES = ['src/app.ts', 'src/html/page.ts', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-cli.mjs', 'package.json', 'package-lock.json']

/** A checkout whose inputs were all written at t=1000 s, and dist/ at `builtAt` (undefined: no dist/). */
function checkout (t: { teardown: (fn: () => unknown) => void }, builtAt: number | undefined, touched: Record<string, number> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'stale-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const write = (file: string, time: number) => {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), '')
    utimesSync(join(dir, file), time, time)
  }
  for (const file of FILES) write(file, touched[file] ?? 1000)
  for (const folder of ['src/html', 'src']) utimesSync(join(dir, folder), 1000, 1000)
  if (builtAt !== undefined) for (const file of ['dist/cli.js', 'dist/index.js']) write(file, builtAt)
  return dir
}

function check (cwd: string) {
  const { status, stdout } = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd, encoding: 'utf8' })
  return { status, said: stdout.trim() }
}

t.test('no dist/: stale', async t => {
  t.strictSame(check(checkout(t, undefined)), { status: 1, said: 'dist/cli.js is missing' })
})

t.test('dist/ newer than every input: up to date, nothing to build', async t => {
  t.strictSame(check(checkout(t, 2000)), { status: 0, said: 'dist/ is up to date' })
})

t.test('a source file in a subfolder changed after the build: stale', async t => {
  t.strictSame(check(checkout(t, 2000, { 'src/html/page.ts': 3000 })), { status: 1, said: 'src changed since the last build' })
})

t.test('new dependencies (the lockfile) or a changed bundler script: stale, since the bundle inlines them', async t => {
  t.strictSame(check(checkout(t, 2000, { 'package-lock.json': 3000 })), { status: 1, said: 'package-lock.json changed since the last build' })
  t.strictSame(check(checkout(t, 2000, { 'scripts/bundle-cli.mjs': 3000 })), { status: 1, said: 'scripts/bundle-cli.mjs changed since the last build' })
})

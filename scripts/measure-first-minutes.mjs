// Measures what a new user meets, for the figures in README.md: a clean clone of this checkout's
// HEAD, `npm install` (which builds, through `prepare`), the first `npm start` until /health answers,
// a second `npm start`, optionally the whole `npm test` (--tests), and the size of the image
// ../shared/tools/container-check built last (when podman has it). It prints the machine and its
// load before and after, since every figure depends on them.
//
//   node scripts/measure-first-minutes.mjs [--tests]
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const withTests = process.argv.includes('--tests')
const seconds = ms => `${(ms / 1000).toFixed(1)} s`
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')

function machine () {
  const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim()
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, npm ${npm}`
}

async function freePort () {
  const server = createServer()
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return port
}

function timed (label, command, args, cwd) {
  const started = Date.now()
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const took = Date.now() - started
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status}):\n${run.stderr}`)
  return { took, output: run.stdout + run.stderr }
}

/** `npm start` in `cwd` until GET /health answers; then stops it. */
async function start (cwd) {
  const port = await freePort()
  const started = Date.now()
  const child = spawn('npm', ['start'], { cwd, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', chunk => { stderr += chunk })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited: ${stderr}`)
      if (Date.now() - started > 180_000) throw new Error(`npm start: no /health after 180 s: ${stderr}`)
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break
      } catch {}
      await new Promise(resolve => setTimeout(resolve, 25))
    }
    return { took: Date.now() - started, built: /^building: /m.test(stderr) }
  } finally {
    process.kill(-child.pid, 'SIGTERM')
    await new Promise(resolve => child.once('close', resolve))
  }
}

function imageSize () {
  const found = spawnSync('podman', ['image', 'inspect', 'localhost/project-under-check:latest', '--format', '{{.Size}} {{.Created}}'], { encoding: 'utf8' })
  if (found.status !== 0) return 'no image (run ../shared/tools/container-check first)'
  const [size, ...created] = found.stdout.trim().split(' ')
  const base = spawnSync('podman', ['image', 'inspect', 'localhost/node-base:24', '--format', '{{.Size}}'], { encoding: 'utf8' })
  const mb = bytes => `${Math.round(Number(bytes) / 1e6)} MB`
  return `${mb(size)} (built ${created.slice(0, 2).join(' ')}; the stand-in node:24 base alone: ${base.status === 0 ? mb(base.stdout.trim()) : 'unknown'})`
}

const dir = mkdtempSync(join(tmpdir(), 'first-minutes-'))
try {
  console.log(`machine:      ${machine()}`)
  console.log(`load before:  ${load()} (1, 5, 15 min)`)
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  execFileSync('git', ['clone', '--quiet', root, dir])
  console.log(`checkout:     a clean clone of ${head}`)
  const install = timed('npm install', 'npm', ['install'], dir)
  console.log(`npm install:  ${seconds(install.took)} (with npm's cache warm; includes the build, through prepare)`)
  const first = await start(dir)
  console.log(`npm start:    /health after ${seconds(first.took)}${first.built ? ' (it built first)' : ', nothing compiled'}`)
  const second = await start(dir)
  console.log(`npm start #2: /health after ${seconds(second.took)}${second.built ? ' (it built first)' : ', nothing compiled'}`)
  if (withTests) {
    const tests = timed('npm test', 'npm', ['test'], dir)
    const summary = /^# \{ total: .*\}$/m.exec(tests.output)?.[0] ?? 'no tap summary'
    console.log(`npm test:     ${seconds(tests.took)} ${summary}`)
  }
  console.log(`image:        ${imageSize()}`)
  console.log(`load after:   ${load()}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

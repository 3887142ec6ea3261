// `npm run mutation [-- domain identity html console routes plugins state redis] [-- --force]`: one Stryker
// run per folder, in turn. Options (`--force`: every mutant again, ignoring the incremental files) go to Stryker.
// `routes` is four runs, one per surface (routes-api, routes-sandbox, routes-hosted, routes-console);
// `plugins` two (plugins-calls: the hooks every call passes through; plugins-services: the rest).
// Property tests run fewer cases under Stryker (FUZZ_RUNS). Every mutant starts a node process per
// test file; on Node >= 22 the compile cache (NODE_COMPILE_CACHE) roughly halves that start-up.
// `state` runs its tests on the memory backend; `redis` runs them against a redis-server of its own
// on a free loopback port (or SANDBOX_TEST_REDIS_URL when set), as the suite's Redis pass does.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROUTES = ['routes-api', 'routes-sandbox', 'routes-hosted', 'routes-console']
const PLUGINS = ['plugins-calls', 'plugins-services']
const ALL = ['domain', 'identity', 'html', 'console', ...ROUTES, ...PLUGINS, 'state', 'redis']
const GROUPS = { routes: ROUTES, plugins: PLUGINS }
const args = process.argv.slice(2)
const options = args.filter(a => a.startsWith('--'))
const asked = args.filter(a => !a.startsWith('--')).flatMap(name => GROUPS[name] ?? [name])
const folders = asked.length > 0 ? asked : ALL
for (const folder of folders) {
  if (!ALL.includes(folder)) {
    console.error(`unknown folder "${folder}": use ${ALL.join(', ')}`)
    process.exit(2)
  }
}

/** A free loopback port (the kernel's pick). */
async function freePort () {
  const server = createServer()
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return port
}

/** A redis-server for the `redis` folder's run: its URL, and how to stop it. */
async function startRedis () {
  if (process.env.SANDBOX_TEST_REDIS_URL) return { url: process.env.SANDBOX_TEST_REDIS_URL, stop: () => {} }
  const port = await freePort()
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const failed = await new Promise(resolve => {
    server.once('error', resolve)
    setTimeout(() => resolve(null), 500)
  })
  if (failed !== null) {
    console.error(`mutation redis: redis-server did not start (${failed.message}): apt-get install -y redis-server`)
    process.exit(1)
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill() }
}

const begun = Date.now()
for (const folder of folders) {
  const started = Date.now()
  const redis = folder === 'redis' ? await startRedis() : null
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...options], {
    stdio: 'inherit',
    env: {
      FUZZ_RUNS: '20',
      NODE_COMPILE_CACHE: join(tmpdir(), 'ekyc-sandbox-mutation-cache'),
      ...process.env,
      MUTATION_FOLDER: folder,
      SANDBOX_TEST_REDIS_URL: redis === null ? '' : redis.url
    }
  })
  redis?.stop()
  console.log(`mutation ${folder}: exit ${run.status} after ${Math.round((Date.now() - started) / 1000)} s`)
  if (run.status !== 0) process.exit(run.status ?? 1)
}
if (folders.length > 1) console.log(`mutation: ${folders.length} folders after ${Math.round((Date.now() - begun) / 60_000)} min`)

// `npm run mutation [-- domain identity html console routes plugins state]`: one Stryker run per folder, in turn.
// Property tests run fewer cases under Stryker (FUZZ_RUNS). Every mutant starts a node process per
// test file; on Node >= 22 the compile cache (NODE_COMPILE_CACHE) roughly halves that start-up.
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ALL = ['domain', 'identity', 'html', 'console', 'routes', 'plugins', 'state']
const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL
for (const folder of folders) {
  if (!ALL.includes(folder)) {
    console.error(`unknown folder "${folder}": use ${ALL.join(', ')}`)
    process.exit(2)
  }
}
for (const folder of folders) {
  const started = Date.now()
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { FUZZ_RUNS: '20', NODE_COMPILE_CACHE: join(tmpdir(), 'ekyc-sandbox-mutation-cache'), ...process.env, MUTATION_FOLDER: folder }
  })
  console.log(`mutation ${folder}: exit ${run.status} after ${Math.round((Date.now() - started) / 1000)} s`)
  if (run.status !== 0) process.exit(run.status ?? 1)
}

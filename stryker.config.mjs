// Mutation testing, one source folder per run (`npm run mutation -- domain`), see TESTING.md.
// Each folder runs only the test files that exercise it, so a full pass fits in an hour on 2 cores.
import { readdirSync } from 'node:fs'
import { dirname, basename } from 'node:path'

// Test files per folder, in the order a mutant runs them: Stryker stops a mutant at the first file
// that fails, and runs a mutant's covering files in the order of this list, so the fast unit tests
// come first and the app-level files after them, cheapest and most telling first. (The tap runner
// globs the list; glob gives no order across patterns, so the list is expanded here to literal paths.)
// An app-level file stays in a list only while it kills something there: the plugins, html, console
// and state lists keep the files that were first to kill a mutant in the from-scratch run of
// 2026-12-06 (reports/mutation/<folder>.json, `killedBy`); the others only reran for survivors.
// Dropping a file that killed nothing first changes no mutant's status. Unit-test globs stay whole.
const FOLDER_TESTS = {
  // src/domain without identity/: the rules behind the record, the clock and the flow. flow.ts and
  // the state's helpers are mostly exercised through the app, hence the app-level files after the units.
  domain: [
    'test/domain/*.test.ts', 'test/domain/identity/stable-people.test.ts',
    'test/sandbox/verifications.test.ts', 'test/hosted/step-by-step.test.ts', 'test/scenarios/catalogue.test.ts',
    'test/hosted/expiry.test.ts', 'test/sandbox/clock.test.ts', 'test/sandbox/whole-seconds.test.ts',
    'test/api/get.test.ts', 'test/hosted/scenario-param.test.ts'
  ],
  // src/domain/identity: the generated MyKad and passport OCR results. fixture-files first: it is the
  // only file that kills the start-up checks of fixtures.ts, which every identity test loads. The
  // generators run several times slower instrumented (stable-people's 20,000 passports took 3.1 s
  // instead of 0.34), so the cheap files that kill most come first and long-names, which only the
  // redraw of a long name needs, last. (A new identity test file must be added here.)
  identity: [
    'test/domain/identity/fixture-files.test.ts', 'test/domain/identity/stable-people.test.ts', 'test/domain/identity/mrz-and-ocr.test.ts',
    'test/domain/identity/people.test.ts', 'test/domain/identity/determinism-and-order.test.ts', 'test/domain/identity/id-card.test.ts',
    'test/domain/identity/passport.test.ts', 'test/domain/identity/long-names.test.ts'
  ],
  // src/plugins in two runs, like src/routes: every request passes through the hooks, so every
  // app-level file covers a hook's mutant, and a survivor would rerun forty files.
  // plugins-calls: what every emulated call passes through (the call's first step, authentication,
  // faults, the journal, rate limits, the JSON body, the error handler, the clock, graceful close).
  // (graceful-close and the journal's warning are killed by the built CLI's test/ship files, the
  // Redis store's options by the Redis pass: those mutants are marked in the source, with the test.)
  'plugins-calls': [
    'test/plugins/error-handler.test.ts', 'test/openapi-operations.test.ts', 'test/api/create.test.ts', 'test/api/get.test.ts',
    'test/api/json-body.test.ts', 'test/api/secret-binding.test.ts', 'test/api/tenants.test.ts', 'test/sandbox/faults.test.ts',
    'test/sandbox/requests.test.ts', 'test/sandbox/rate-limit.test.ts', 'test/sandbox/rate-limit-express.test.ts', 'test/hosted/page.test.ts',
    'test/plugins/emulated-route.test.ts', 'test/plugins/rate-limit.test.ts'
  ],
  // plugins-services: what the routes ask for (the store, the hosted flow, the scenario catalogue,
  // arming, the OpenAPI document).
  'plugins-services': [
    'test/plugins/store.test.ts', 'test/plugins/scenarios.test.ts', 'test/openapi-operations.test.ts', 'test/openapi.test.ts', 'test/sandbox/verifications.test.ts',
    'test/sandbox/arm.test.ts', 'test/sandbox/complete-fit.test.ts', 'test/sandbox/clock-backwards.test.ts', 'test/hosted/step-by-step.test.ts'
  ],
  // src/routes, one run per surface with that surface's own files, so a surviving mutant reruns
  // a dozen files rather than forty. The OpenAPI operation table first: one fast file catches a
  // route's lost answer, security or summary.
  // The API's handlers also read the X-Sandbox-Scenario header and the faults' marks: the arm and
  // fault files test those through the API.
  // (rate-limit last: only it sees the limiter counting a call.)
  'routes-api': [
    'test/openapi-operations.test.ts', 'test/openapi.test.ts', 'test/api/*.test.ts', 'test/sandbox/faults.test.ts', 'test/sandbox/arm.test.ts',
    'test/sandbox/requests.test.ts', 'test/sandbox/rate-limit.test.ts'
  ],
  'routes-sandbox': ['test/openapi-operations.test.ts', 'test/sandbox/*.test.ts', 'test/openapi-examples.test.ts'],
  'routes-hosted': ['test/openapi-operations.test.ts', 'test/hosted/*.test.ts'],
  'routes-console': ['test/console/*.test.ts'],
  // src/html without console/: the hosted page. The unit tests render it from a session; three
  // app-level page files kill what those leave alive.
  html: [
    'test/html/*.test.ts', 'test/hosted/page.test.ts', 'test/hosted/page-cues.test.ts', 'test/hosted/escaping.test.ts'
  ],
  // src/html/console: the operator console's pages. The unit tests render each page from plain
  // values and kill every mutant the console's app-level tests kill.
  console: ['test/html/console-*.test.ts'],
  // src/state without the Redis backend: the memory backend, the journal ring, the journal's write
  // batch, REDIS_URL's checks.
  state: [
    'test/state/memory.test.ts', 'test/state/write-batch.test.ts', 'test/plugins/store.test.ts', 'test/plugins/journal.test.ts', 'test/config.test.ts',
    'test/api/json-body.test.ts', 'test/api/record-cache.test.ts', 'test/api/secret-binding.test.ts', 'test/api/tenants.test.ts',
    'test/sandbox/arm.test.ts', 'test/sandbox/clock-backwards.test.ts', 'test/sandbox/faults.test.ts', 'test/sandbox/guard.test.ts',
    'test/sandbox/strict-query.test.ts', 'test/sandbox/verifications.test.ts'
  ],
  // src/state's Redis backend, against a redis-server (scripts/mutation.mjs starts one unless
  // SANDBOX_TEST_REDIS_URL names one): the backend's own test in this process second, after the
  // store's; the app-level files that killed something in the run of 2026-12-06; the outage test
  // (reconnects and timers: seconds of waiting) last. Not durability and failure: they run the
  // built CLI (dist/), which a mutant never reaches.
  redis: [
    'test/plugins/store.test.ts', 'test/redis/backend.test.ts', 'test/redis/exactly-once.test.ts', 'test/redis/replicas.test.ts',
    'test/sandbox/state.test.ts', 'test/sandbox/arm.test.ts', 'test/sandbox/faults.test.ts', 'test/sandbox/requests.test.ts',
    'test/sandbox/verifications.test.ts', 'test/redis/backend-outage.test.ts'
  ]
}

const MUTATE = {
  domain: ['src/domain/*.ts'],
  identity: ['src/domain/identity/**/*.ts'],
  'plugins-calls': [
    'src/plugins/auth.ts', 'src/plugins/emulated-route.ts', 'src/plugins/faults.ts', 'src/plugins/journal.ts', 'src/plugins/rate-limit.ts',
    'src/plugins/rate-limit-answer.ts', 'src/plugins/json-body.ts', 'src/plugins/error-handler.ts', 'src/plugins/clock.ts',
    'src/plugins/graceful-close.ts', 'src/plugins/state.ts'
  ],
  'plugins-services': ['src/plugins/store.ts', 'src/plugins/flow.ts', 'src/plugins/scenarios.ts', 'src/plugins/arming.ts', 'src/plugins/swagger.ts'],
  'routes-api': ['src/routes/api.ts', 'src/routes/api/*.ts'],
  'routes-sandbox': ['src/routes/sandbox.ts', 'src/routes/sandbox/*.ts', 'src/routes/health.ts'],
  'routes-hosted': ['src/routes/hosted.ts', 'src/routes/hosted/*.ts'],
  'routes-console': ['src/routes/console.ts', 'src/routes/console/*.ts'],
  html: ['src/html/*.ts'],
  console: ['src/html/console/**/*.ts'],
  state: ['src/state/*.ts', '!src/state/redis.ts', '!src/state/redis-scripts.ts'],
  redis: ['src/state/redis.ts', 'src/state/redis-scripts.ts']
}

/** `dir/*.test.ts` or a literal path to files, in list order, each once; a pattern's files sorted. */
function expand (patterns) {
  const files = []
  for (const pattern of patterns) {
    if (!pattern.includes('*')) {
      files.push(pattern)
      continue
    }
    const re = new RegExp(`^${basename(pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`)
    let names = []
    try { names = readdirSync(dirname(pattern)) } catch { names = [] }
    files.push(...names.filter(n => re.test(n)).sort().map(n => `${dirname(pattern)}/${n}`))
  }
  return [...new Set(files)]
}

const folder = process.env.MUTATION_FOLDER ?? 'domain'
if (!(folder in FOLDER_TESTS)) throw new Error(`MUTATION_FOLDER must be one of ${Object.keys(FOLDER_TESTS).join(', ')}`)

// MUTATION_MUTATE and MUTATION_TESTS (comma-separated globs) narrow a run: a few files, their unit tests.
const list = (value) => value.split(',').map(s => s.trim()).filter(Boolean)
const mutate = process.env.MUTATION_MUTATE ? list(process.env.MUTATION_MUTATE) : MUTATE[folder]

export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  // One node process per mutant and test file, so its start-up is most of the cost: the sandbox's
  // TypeScript is compiled to JavaScript once (scripts/mutation-build.mjs, esbuild) and the tests
  // run as plain .js files, without a loader (tsx cost about 30 % of each process's CPU).
  buildCommand: 'node scripts/mutation-build.mjs',
  tap: {
    testFiles: expand(process.env.MUTATION_TESTS ? list(process.env.MUTATION_TESTS) : FOLDER_TESTS[folder])
      .map(file => file.replace(/\.ts$/, '.js')),
    nodeArgs: ['-r', '{{hookFile}}', '{{testFile}}']
  },
  mutate,
  coverageAnalysis: 'perTest',
  // A mutant only module loading reaches (a constant table) would rerun every test file: far too
  // slow with one node process per file. They are reported as Ignored and counted in TESTING.md.
  ignoreStatic: true,
  // Two workers on two cores: a third bought nothing on routes-api (2 min 42 s either way). The
  // redis files wait on Redis and on timers (backend.test.js: 7.8 s of wall time for 1.3 s of CPU), so four.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? (folder === 'redis' ? 4 : 2)),
  // A mutant's time limit is 1.5 × its covering files' time in the dry run plus this: an endless
  // loop then costs a worker 5 s more than the files, not 20 (27 of the 2026-12-06 run timed out).
  timeoutMS: 5_000,
  // Four redis workers on two cores (and the redis-server beside them) run a file about twice as
  // slowly as the dry run timed it alone: with the usual factor of 1.5 a survivor's ten files ran
  // out of time and 19 equivalent mutants were counted as timeouts (detected) in a first run.
  timeoutFactor: folder === 'redis' ? 4 : 1.5,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${folder}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${folder}.html` },
  jsonReporter: { fileName: `reports/mutation/${folder}.json` },
  ignorePatterns: ['dist', 'reports', 'bench', 'docs', 'examples', '.tap', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}

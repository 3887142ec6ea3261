// Mutation testing, one source folder per run (`npm run mutation -- domain`), see TESTING.md.
// Each folder runs only the test files that exercise it, so a full pass fits in an hour on 2 cores.
const FOLDER_TESTS = {
  // src/domain without identity/: the rules behind the record, the clock and the flow.
  domain: [
    'test/domain/*.test.ts', 'test/sandbox/clock.test.ts', 'test/sandbox/whole-seconds.test.ts', 'test/api/get.test.ts',
    'test/sandbox/verifications.test.ts', 'test/scenarios/catalogue.test.ts'
  ],
  // src/domain/identity: the generated MyKad and passport OCR results.
  identity: ['test/domain/identity/*.test.ts'],
  plugins: [
    'test/plugins/*.test.ts', 'test/api/*.test.ts', 'test/sandbox/*.test.ts', 'test/hosted/expiry.test.ts',
    'test/openapi.test.ts'
  ],
  routes: [
    'test/api/*.test.ts', 'test/sandbox/*.test.ts', 'test/hosted/*.test.ts', 'test/fuzz/routing.test.ts',
    'test/fuzz/hosted.test.ts'
  ],
  html: ['test/hosted/*.test.ts', 'test/fuzz/hosted.test.ts']
}

const folder = process.env.MUTATION_FOLDER ?? 'domain'
if (!(folder in FOLDER_TESTS)) throw new Error(`MUTATION_FOLDER must be one of ${Object.keys(FOLDER_TESTS).join(', ')}`)

// MUTATION_MUTATE and MUTATION_TESTS (comma-separated globs) narrow a run: a few files, their unit tests.
const list = (value) => value.split(',').map(s => s.trim()).filter(Boolean)
const mutate = process.env.MUTATION_MUTATE
  ? list(process.env.MUTATION_MUTATE)
  : folder === 'domain' ? ['src/domain/*.ts'] : folder === 'identity' ? ['src/domain/identity/**/*.ts'] : [`src/${folder}/**/*.ts`]

export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: {
    testFiles: process.env.MUTATION_TESTS ? list(process.env.MUTATION_TESTS) : FOLDER_TESTS[folder],
    // tsx (esbuild) instead of tap's ts-node loader: one node process per mutant and test file,
    // so the loader's start-up is most of the cost; tsx starts several times faster.
    nodeArgs: ['-r', '{{hookFile}}', '--import=tsx', '{{testFile}}']
  },
  mutate,
  coverageAnalysis: 'perTest',
  // A mutant only module loading reaches (a constant table) would rerun every test file: far too
  // slow with one node process per file. They are reported as Ignored and counted in TESTING.md.
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${folder}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${folder}.html` },
  jsonReporter: { fileName: `reports/mutation/${folder}.json` },
  ignorePatterns: ['dist', 'reports', 'bench', 'docs', 'examples', '.tap', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}

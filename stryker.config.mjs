// Mutation testing, one source folder per run (`npm run mutation -- domain`), see TESTING.md.
// Each folder runs only the test files that exercise it, so a full pass fits in an hour on 2 cores.
const FOLDER_TESTS = {
  domain: [
    'test/domain/**/*.test.ts',
    'test/api/create.test.ts', 'test/api/get.test.ts',
    'test/hosted/step-by-step.test.ts', 'test/hosted/expiry.test.ts', 'test/hosted/scenario-param.test.ts',
    'test/sandbox/clock.test.ts', 'test/sandbox/verifications.test.ts', 'test/sandbox/arm.test.ts',
    'test/sandbox/scenarios.test.ts', 'test/scenarios/catalogue.test.ts', 'test/plugins/store.test.ts'
  ],
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

export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: {
    testFiles: FOLDER_TESTS[folder],
    // tap's own TypeScript loader (ts-node, transpile only), as `npx tap` uses on Node 20.
    nodeArgs: ['-r', '{{hookFile}}', '--import=@tapjs/typescript/import', '{{testFile}}']
  },
  mutate: [`src/${folder}/**/*.ts`],
  coverageAnalysis: 'perTest',
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

// What `npm install maschain-ekyc-sandbox` gives a merchant: the package name resolves (exports) to
// the build with its type declarations, and the bin is an executable Node script.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { assertBuilt, CLI, ROOT } from './helpers.js'

assertBuilt()

t.test('the package name resolves to the build, which exports startSandbox with its types', async t => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
  const specifier = pkg.name as string
  const entry = await import(specifier) as Record<string, unknown>
  t.equal(import.meta.resolve(specifier), new URL('dist/index.js', `file://${ROOT}`).href)
  for (const name of ['startSandbox', 'buildApp', 'loadConfig', 'ConfigError', 'SandboxControlError']) t.type(entry[name], 'function', `exports ${name}`)
  const types = readFileSync(new URL(pkg.types, `file://${ROOT}`), 'utf8')
  for (const name of ['startSandbox', 'StartSandboxOptions', 'Sandbox', 'Config', 'VerificationRecord', 'Scenario', 'InlineScenario']) {
    t.matchStrict(types, new RegExp(`\\b${name}\\b`), `declares ${name}`)
  }
  const sandbox = await (entry.startSandbox as (o?: object) => Promise<{ url: string, stop: () => Promise<void> }>)()
  t.teardown(sandbox.stop)
  t.equal((await fetch(`${sandbox.url}/health`)).status, 200, 'the built startSandbox serves')
})

t.test('the bin is dist/cli.js with a node shebang', async t => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
  t.equal(pkg.bin['maschain-ekyc-sandbox'], 'dist/cli.js')
  t.matchStrict(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/)
})

t.test('the bin is one bundled module: only Node built-ins and the two swagger packages load beside it', async t => {
  const source = readFileSync(CLI, 'utf8')
  const imports = [...source.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map(m => m[1])
  t.strictSame([...new Set(imports.filter(s => !s.startsWith('node:')))].sort(), ['@fastify/swagger', '@fastify/swagger-ui'])
  t.notMatch(source, /from ['"]\.\.?\//, 'no relative import: dist/ modules are inside')
})

t.test('npm start and the image run node with the same V8 flags, and this node accepts them', async t => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
  const start = (pkg.scripts.start as string).split(' ')
  t.strictSame([start[0], start.at(-1)], ['node', 'dist/cli.js'])
  const flags = start.slice(1, -1)
  t.ok(flags.length > 0, `flags: ${flags.join(' ')}`)
  const dockerfile = readFileSync(`${ROOT}Dockerfile`, 'utf8')
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1] ?? 'null') as string[] | null
  t.strictSame(entrypoint, ['node', ...flags, 'dist/cli.js'])
  const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
})

// Stryker's build step (`buildCommand` in stryker.config.mjs), run once in each mutation sandbox
// after the sources are instrumented: esbuild writes a .js beside every .ts of src/ and test/, so
// each mutant's test processes run plain JavaScript instead of compiling through tsx at start-up.
// Every mutant starts one node process per test file, and that compile was about 30 % of a
// process's CPU. The imports already name `.js` files (NodeNext), so they resolve to the output.
// Only in a Stryker sandbox: it refuses to write .js files into the working tree.
import { build } from 'esbuild'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

if (!process.cwd().split(/[\\/]/).includes('.stryker-tmp')) {
  console.error('mutation-build: runs only inside a Stryker sandbox (.stryker-tmp/…), never in the working tree')
  process.exit(1)
}

/** Every .ts file under dir (not .d.ts). */
function typescriptFiles (dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map(e => join(e.parentPath, e.name))
}

await build({
  entryPoints: [...typescriptFiles('src'), ...typescriptFiles('test')],
  outdir: '.',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning'
})

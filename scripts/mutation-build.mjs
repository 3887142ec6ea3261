// Stryker's build step (`buildCommand` in stryker.config.mjs), run once in each mutation sandbox
// after the sources are instrumented: esbuild writes a .js beside every .ts of src/ and test/, so
// each mutant's test processes run plain JavaScript instead of compiling through tsx at start-up.
// Every mutant starts one node process per test file, and that compile was about 30 % of a
// process's CPU. The imports already name `.js` files (NodeNext), so they resolve to the output.
// Then each test file of the run (MUTATION_FOLDER's list in stryker.config.mjs) is replaced by one
// bundle of itself, the instrumented sources and their packages (tap and playwright-core stay
// outside): loading hundreds of modules was most of a process's start-up, and a bundled
// test/api/get.test.js took 1.7 s of CPU instead of 2.4 (Node 24, compile cache on).
// Only in a Stryker sandbox: it refuses to write .js files into the working tree.
import { build } from 'esbuild'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

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

/**
 * Each module keeps its own location inside the bundle: `import.meta.url` becomes the module's
 * file URL (the sources find scenarios/ and fixtures/ from it), and a package's CommonJS module
 * gets its own `__dirname` and `__filename` (the API documentation's static files are found so).
 */
const ownLocation = {
  name: 'own-location',
  setup (b) {
    b.onLoad({ filter: /\.(js|mjs|cjs)$/ }, args => {
      let text = readFileSync(args.path, 'utf8')
      if (text.includes('import.meta.url')) text = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      if (args.path.includes('node_modules') && /\b__(dirname|filename)\b/.test(text)) {
        text = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n${text}`
      }
      return { contents: text, loader: 'js' }
    })
  }
}

const { default: config } = await import(pathToFileURL(join(process.cwd(), 'stryker.config.mjs')).href)
for (const file of config.tap.testFiles) {
  await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['tap', '@tapjs/*', 'playwright-core'],
    // The bundle's packages that are CommonJS call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [ownLocation],
    logLevel: 'warning'
  })
}

// Part of `npm run build`, after tsc: bundles the compiled CLI (dist/cli.js and everything it
// imports) into that one file, so the process people start (`npm start`, `npx`, the image) reads
// one module instead of ~1,000. Loading modules was two thirds of the start-up profile: typebox
// alone is ~700 files. The library entry (dist/index.js, `startSandbox`) stays unbundled.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

await build({
  entryPoints: [cli],
  outfile: cli,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Readable stack traces beat the few kilobytes minifying saves; it did not start faster.
  minify: false,
  legalComments: 'inline',
  // These read their own files (package.json, swagger-ui's static assets) beside their code at
  // run time, so they are loaded from node_modules as usual.
  external: ['@fastify/swagger', '@fastify/swagger-ui'],
  // The bundled CommonJS packages (fastify, pino, ...) call require() and read __dirname; an ES
  // module has neither, so the bundle defines them for itself.
  banner: {
    js: [
      "import { createRequire as __sandboxCreateRequire } from 'node:module'",
      "import { dirname as __sandboxDirname } from 'node:path'",
      "import { fileURLToPath as __sandboxFileURLToPath } from 'node:url'",
      'const require = __sandboxCreateRequire(import.meta.url)',
      'const __filename = __sandboxFileURLToPath(import.meta.url)',
      'const __dirname = __sandboxDirname(__filename)'
    ].join('; ')
  },
  logLevel: 'warning'
})

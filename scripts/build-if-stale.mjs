// `npm start`'s prestart: builds only when dist/ is missing or older than what it is built from, so
// a second `npm start` compiles nothing (`npm install` already built, through `prepare`).
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
// The bundle inlines the dependencies, so the lockfile and package.json are inputs too.
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-cli.mjs', 'package.json', 'package-lock.json']
const OUTPUTS = ['dist/cli.js', 'dist/index.js']

function mtime (path) {
  try {
    return statSync(root + path).mtimeMs
  } catch {
    return undefined
  }
}

/** The newest modification time under path (a file or a folder, recursively). */
function newest (path) {
  const stat = statSync(root + path, { throwIfNoEntry: false })
  if (stat === undefined) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(root + path, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .reduce((max, entry) => Math.max(max, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs), stat.mtimeMs)
}

export function staleReason () {
  const built = OUTPUTS.map(mtime)
  const missing = OUTPUTS.find((_, i) => built[i] === undefined)
  if (missing !== undefined) return `${missing} is missing`
  const oldest = Math.min(...built)
  const changed = INPUTS.find(input => newest(input) > oldest)
  return changed === undefined ? null : `${changed} changed since the last build`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reason = staleReason()
  if (reason !== null) {
    process.stderr.write(`building: ${reason}\n`)
    const { status } = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    process.exitCode = status ?? 1
  }
}

// `npm start`'s prestart: builds only when dist/ is missing or older than what it is built from, so
// a second `npm start` compiles nothing (`npm install` already built, through `prepare`). It works in
// the current directory (npm runs scripts in the package root). `--check` only says, exit code 1 if stale.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'

const root = `${process.cwd()}/`
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

function staleReason () {
  const built = OUTPUTS.map(mtime)
  const missing = OUTPUTS.find((_, i) => built[i] === undefined)
  if (missing !== undefined) return `${missing} is missing`
  const oldest = Math.min(...built)
  const changed = INPUTS.find(input => newest(input) > oldest)
  return changed === undefined ? null : `${changed} changed since the last build`
}

const reason = staleReason()
if (process.argv.includes('--check')) {
  process.stdout.write(`${reason ?? 'dist/ is up to date'}\n`)
  process.exitCode = reason === null ? 0 : 1
} else if (reason !== null) {
  process.stderr.write(`building: ${reason}\n`)
  const { status } = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
  process.exitCode = status ?? 1
}

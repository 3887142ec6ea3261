#!/usr/bin/env node
// The package's bin (`npx maschain-ekyc-sandbox`, `npm start`). Flags are another way to set the
// environment variables: they become an overlay on process.env, and server.ts does the rest.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from './config.js'

const NAME = 'maschain-ekyc-sandbox'

/** Each flag and the variable it sets; a flag wins over the variable. */
const FLAGS = {
  port: { variable: 'PORT', value: 'N', help: 'port to listen on (0 = any free port)' },
  host: { variable: 'HOST', value: 'ADDRESS', help: 'interface to listen on (0.0.0.0 for every interface)' },
  'public-url': { variable: 'PUBLIC_URL', value: 'URL', help: 'base of the hosted page links in result.url' },
  scenario: { variable: 'DEFAULT_SCENARIO', value: 'NAME', help: 'scenario every new session is armed with' },
  seed: { variable: 'SANDBOX_SEED', value: 'TEXT', help: 'makes tokens and identities repeatable' },
  'scenarios-dir': { variable: 'SCENARIOS_DIR', value: 'DIR', help: 'folder of scenario *.json files (replaces the built-in catalogue)' },
  'request-timeout': { variable: 'REQUEST_TIMEOUT_SECONDS', value: 'SECONDS', help: 'a stalled request gets a 408 after this (default 10)' },
  'max-connections': { variable: 'MAX_CONNECTIONS', value: 'N', help: 'open connections at once (default 1000)' },
  'redis-url': { variable: 'REDIS_URL', value: 'URL', help: 'keep state in Redis: replicas share it, restarts keep it' }
} as const
type Flag = keyof typeof FLAGS

const OTHER_VARIABLES: Array<[string, string]> = [
  ['LOG_LEVEL', 'fatal, error, warn, info (default), debug, trace or silent'],
  ['EKYC_CLIENTS', 'strict mode: client_id:client_secret[:organisation_id], comma-separated'],
  ['TOKEN_TTL_SECONDS', 'link lifetime (default 900)'],
  ['RETENTION_SECONDS', 'personal data pruned after (default 86400)'],
  ['MAX_VERIFICATIONS', 'sessions kept; past it the biggest client\'s oldest goes (default 10000)'],
  ['FACE_PASS_THRESHOLD', 'similarity a face must reach (default 70)'],
  ['SANDBOX_ADMIN_TOKEN', 'when set, /_sandbox needs header X-Sandbox-Admin-Token'],
  ['RATE_LIMIT_PER_MINUTE', 'per client_id; off by default'],
  ['SHUTDOWN_GRACE_SECONDS', 'on SIGTERM, requests in flight get this long (default 8)'],
  ['REDIS_PREFIX', 'prefix of every Redis key (default ekyc-sandbox:)']
]

function usage (): string {
  const flags = Object.entries(FLAGS).map(([flag, f]) => {
    const left = `  --${flag} ${f.value}`
    return `${left.padEnd(28)}${f.variable.padEnd(18)}${f.help}`
  })
  const vars = OTHER_VARIABLES.map(([variable, help]) => `  ${variable.padEnd(24)}${help}`)
  return [
    `Usage: ${NAME} [options]`,
    '',
    'Offline sandbox of the MasChain eKYC API: both endpoints, the hosted page and the /_sandbox',
    'control plane. Point your merchant\'s API_URL at it.',
    '',
    `Options (each sets the environment variable beside it, and wins over it):`,
    ...flags,
    `${'  -h, --help'.padEnd(46)}show this text`,
    `${'  -v, --version'.padEnd(46)}print the version`,
    '',
    'Other environment variables:',
    ...vars,
    '',
    'Defaults: PORT 3939, HOST 127.0.0.1, PUBLIC_URL http://localhost:PORT.',
    '',
    'Examples:',
    `  ${NAME} --port 4010 --seed ci`,
    `  ${NAME} --public-url http://ekyc-sandbox:3939 --host 0.0.0.0`,
    `  PORT=4010 SANDBOX_ADMIN_TOKEN=secret ${NAME}`,
    ''
  ].join('\n')
}

function version (): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

/** A mistake in how the command was called: named, with a pointer to --help, exit code 2. */
function usageError (message: string): never {
  process.stderr.write(`${NAME}: ${message}\nTry '${NAME} --help'.\n`)
  process.exit(2)
}

function parse (argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.keys(FLAGS).map(flag => [flag, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    }).values as Partial<Record<Flag, string>> & { help?: boolean, version?: boolean }
  } catch (err) {
    // parseArgs names the flag itself: "Unknown option '--prot'", "Option '--port <value>' argument missing".
    return usageError((err as Error).message)
  }
}

const values = parse(process.argv.slice(2))
if (values.help === true) {
  process.stdout.write(usage())
} else if (values.version === true) {
  process.stdout.write(`${version()}\n`)
} else {
  const overlay: Record<string, string> = {}
  for (const flag of Object.keys(FLAGS) as Flag[]) {
    const value = values[flag]
    if (value === undefined) continue
    if (value.trim() === '') usageError(`--${flag} needs a value`)
    overlay[FLAGS[flag].variable] = value
  }
  const env = { ...process.env, ...overlay }
  // A bad flag value is a usage error named by its flag; a bad variable is left to main (exit code 1).
  const flagError = (err: unknown): void => {
    if (err instanceof ConfigError && overlay[err.variable] !== undefined) {
      const flag = (Object.keys(FLAGS) as Flag[]).find(f => FLAGS[f].variable === err.variable)
      usageError(`--${flag}: ${err.message.slice(err.variable.length + 2)}`)
    }
  }
  try {
    loadConfig(env)
  } catch (err) {
    flagError(err)
  }
  // Loaded only now: --help and usage errors answer without loading the server. Some flag values
  // are checked only there (is --scenario in the catalogue?): those are usage errors too.
  const { main } = await import('./server.js')
  await main(env, flagError)
}

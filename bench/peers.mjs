// `npm run bench:peers`: the sandbox beside bare Fastify and general-purpose mock servers answering
// the same two endpoints (POST /api/ekyc/verifications, GET /api/ekyc/verifications/{token}) with the
// sandbox's own bytes, captured from a running sandbox first: WireMock (npm package `wiremock`, its
// standalone jar, on `java`) and Prism (@stoplight/prism-cli, from an OpenAPI document whose examples
// are those bytes). Each peer: cold start (spawn → first good answer to POST create), then rounds of
// GET and POST (wrk where installed, else autocannon; every server in turn, the order rotated each
// round; best req/s and least CPU per request), RSS after the load. The table goes to BENCHMARKS.md
// between <!-- bench:peers:start/end --> (appended at the end when missing).
// Exit code: 0 when every peer that ran answered the right bytes with no error, 1 otherwise.
//   BENCH_SECONDS (5)  BENCH_WARMUP_SECONDS (2, first round only)  BENCH_ROUNDS (3)  BENCH_CONNECTIONS (10)
//   BENCH_THREADS (2)  BENCH_CLIENT / BENCH_WRK (as `npm run bench`)  BENCH_WRITE (1; 0 prints only)
//   BENCH_PEERS (sandbox,bare,wiremock,prism: which to run, comma-separated)
//   BENCH_JAVA (java binary, default `java` on PATH)  BENCH_JAVA_OPTS (extra JVM flags, default none)
//   BENCH_PEER_START_SECONDS (60: how long a peer may take to give its first good answer)
// json-server is not among them: it answers a POST by storing the body it was sent and echoing it
// with an id, so it cannot give the create's bytes without custom middleware, which would make it
// an Express app of ours rather than json-server.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CREATE_BODY, CREDENTIALS, HOST, JSON_HEADERS, ROOT, cpuMs, createSession, envInt, fmt, freePort, intFmt, machine,
  procMb, request, sandboxEntry, startFlags, startProcess, writeSection
} from './lib.mjs'
import { clientLabel, loadClient, runLoad } from './load.mjs'

const SECONDS = envInt('BENCH_SECONDS', 5, 1, 600)
const WARMUP = envInt('BENCH_WARMUP_SECONDS', 2, 0, 60)
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 20)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000)
const THREADS = envInt('BENCH_THREADS', 2, 1, 64)
const START_SECONDS = envInt('BENCH_PEER_START_SECONDS', 60, 5, 600)
const WRITE = envInt('BENCH_WRITE', 1, 0, 1) === 1
const JAVA = process.env.BENCH_JAVA || 'java'
const JAVA_OPTS = (process.env.BENCH_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean)
const ALL = ['sandbox', 'bare', 'wiremock', 'prism']
const WANTED = (process.env.BENCH_PEERS ?? ALL.join(',')).split(',').map(s => s.trim()).filter(Boolean)
for (const name of WANTED) if (!ALL.includes(name)) throw new Error(`BENCH_PEERS: unknown peer "${name}" (known: ${ALL.join(', ')})`)

const log = (...args) => console.error('[peers]', ...args)
const require = createRequire(import.meta.url)
const started = performance.now()
const env = machine()
const client = loadClient()
const version = name => { try { return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version } catch { return null } }
log(`client: ${clientLabel(client)}`)

/** `java -version` as "17.0.15", or null when Java is missing. */
function javaVersion () {
  const probe = spawnSync(JAVA, ['-version'], { encoding: 'utf8', timeout: 15_000 })
  if (probe.error !== undefined || probe.status !== 0) return null
  const text = `${probe.stderr}${probe.stdout}`
  return /version "([^"]+)"/.exec(text)?.[1] ?? text.split('\n')[0].trim()
}

async function completeSession (url, token) {
  const res = await request({ method: 'POST', url: `${url}/_sandbox/verifications/${token}/complete`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'pass' }) })
  if (res.status !== 200) throw new Error(`complete answered ${res.status}: ${res.body.slice(0, 300)}`)
  return token
}
const completedSession = async url => await completeSession(url, await createSession(url))
const postCreate = url => request({ method: 'POST', url: `${url}/api/ekyc/verifications`, headers: JSON_HEADERS, body: CREATE_BODY, timeoutMs: 2000 })

const work = mkdtempSync(join(os.tmpdir(), 'ekyc-bench-peers-'))
const peers = []
let exitCode = 0
try {
  // 1. The bytes: a create and a finished pass session's record, from a running sandbox.
  const capture = await startSandbox()
  const createRes = await postCreate(capture.url)
  const token = JSON.parse(createRes.body).result.token
  await completeSession(capture.url, token)
  const recordRes = await request({ url: `${capture.url}/api/ekyc/verifications/${token}`, headers: CREDENTIALS })
  await capture.stop()
  if (createRes.status !== 200 || recordRes.status !== 200) throw new Error(`capture: create ${createRes.status}, record ${recordRes.status}`)
  const bytes = { create: createRes.body, record: recordRes.body }
  log(`captured create ${Buffer.byteLength(bytes.create)} B, record ${Buffer.byteLength(bytes.record)} B`)

  // 2. The peers' files: bare's bodies, WireMock's mappings, Prism's OpenAPI document.
  const bodiesFile = join(work, 'bodies.json')
  writeFileSync(bodiesFile, JSON.stringify({ ...bytes, page: '<!doctype html>', redirect: 'https://merchant.example/' }))
  const wiremockRoot = join(work, 'wiremock')
  mkdirSync(join(wiremockRoot, 'mappings'), { recursive: true })
  mkdirSync(join(wiremockRoot, '__files'), { recursive: true })
  const jsonType = { 'Content-Type': 'application/json; charset=utf-8' }
  writeFileSync(join(wiremockRoot, 'mappings', 'ekyc.json'), JSON.stringify({
    mappings: [
      { request: { method: 'POST', urlPath: '/api/ekyc/verifications' }, response: { status: 200, body: bytes.create, headers: jsonType } },
      { request: { method: 'GET', urlPathPattern: '/api/ekyc/verifications/[^/]+' }, response: { status: 200, body: bytes.record, headers: jsonType } }
    ]
  }, null, 2))
  const prismSpec = join(work, 'openapi.json')
  const example = (description, body) => ({ description, content: { 'application/json': { example: JSON.parse(body) } } })
  writeFileSync(prismSpec, JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'MasChain eKYC, the two endpoints (bench stub: the sandbox\'s captured answers as examples)', version: '1' },
    paths: {
      '/api/ekyc/verifications': {
        post: {
          // Declared so Prism accepts the JSON body (with none declared it answers 422 to a body).
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { 200: example('created', bytes.create) }
        }
      },
      '/api/ekyc/verifications/{token}': {
        get: {
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: example('the record', bytes.record) }
        }
      }
    }
  }, null, 2))

  // 3. The peers, each started cold and kept for the load.
  const java = WANTED.includes('wiremock') ? javaVersion() : null
  const wiremockJar = (() => {
    const v = version('wiremock')
    if (v === null) return null
    const file = join(dirname(require.resolve('wiremock/package.json')), 'build', `wiremock-standalone-${v}.jar`)
    return existsSync(file) ? file : null
  })()
  const prismEntry = (() => {
    const v = version('@stoplight/prism-cli')
    if (v === null) return null
    const dir = dirname(require.resolve('@stoplight/prism-cli/package.json'))
    const bin = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin
    return join(dir, typeof bin === 'string' ? bin : bin.prism)
  })()

  const definitions = {
    sandbox: {
      label: 'sandbox',
      version: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} (${env.commit})`,
      how: port => ({ command: process.execPath, args: [...startFlags(), sandboxEntry()], env: { ...process.env, PORT: String(port), HOST, LOG_LEVEL: 'silent' } }),
      describe: () => `\`node ${startFlags().join(' ')} dist/cli.js\`, LOG_LEVEL=silent: state, auth, schemas, journal; GET reads a finished \`pass\` session`,
      good: res => res.status === 200 && /"token":"[^"]+"/.test(res.body)
    },
    bare: {
      label: 'bare Fastify',
      version: `fastify ${version('fastify')}`,
      how: port => ({ command: process.execPath, args: [fileURLToPath(new URL('./bare.mjs', import.meta.url))], env: { ...process.env, PORT: String(port), HOST, BARE_BODIES_FILE: bodiesFile } }),
      describe: () => '`bench/bare.mjs` on Node\'s defaults: static bodies, no schemas, no state'
    },
    wiremock: {
      label: 'WireMock',
      version: `${version('wiremock') ?? '?'} (standalone jar${java === null ? '' : `, Java ${java}`})`,
      skip: java === null ? `skipped: Java is not installed (\`${JAVA} -version\` did not run; apt-get install -y openjdk-17-jre-headless)` : wiremockJar === null ? 'skipped: the npm package `wiremock` is not installed (npm install)' : null,
      how: port => ({
        command: JAVA,
        args: [...JAVA_OPTS, '-jar', wiremockJar, '--port', String(port), '--bind-address', HOST, '--root-dir', wiremockRoot,
          '--disable-banner', '--no-request-journal', '--disable-request-logging', '--use-chunked-encoding', 'never'],
        env: process.env
      }),
      describe: () => `\`java ${JAVA_OPTS.length > 0 ? JAVA_OPTS.join(' ') + ' ' : ''}-jar wiremock-standalone.jar --no-request-journal --disable-request-logging --use-chunked-encoding never\` (JVM defaults otherwise), two stub mappings with inline bodies`
    },
    prism: {
      label: 'Prism',
      version: `${version('@stoplight/prism-cli') ?? '?'}`,
      skip: prismEntry === null ? 'skipped: @stoplight/prism-cli is not installed (npm install)' : null,
      how: port => ({
        command: process.execPath,
        args: [prismEntry, 'mock', prismSpec, '--port', String(port), '--host', HOST, '--cors', 'false', '--errors', 'false', '--verboseLevel', 'error'],
        env: process.env
      }),
      describe: () => '`prism mock openapi.json --cors false --errors false --verboseLevel error` (static examples, one process), an OpenAPI 3.0 document whose examples are the captured bodies'
    }
  }

  for (const name of WANTED) {
    const def = definitions[name]
    const peer = { name, ...def, runs: { get: [], create: [] } }
    peers.push(peer)
    if (def.skip) { log(`${def.label}: ${def.skip}`); continue }
    const port = await freePort()
    const url = `http://${HOST}:${port}`
    const { command, args, env: childEnv } = def.how(port)
    const good = def.good ?? (res => res.status === 200 && res.body === bytes.create)
    try {
      log(`${def.label}: starting`)
      const proc = await startProcess({
        name: def.label,
        command,
        args,
        env: childEnv,
        timeoutMs: START_SECONDS * 1000,
        pollMs: 10,
        ready: async () => good(await postCreate(url))
      })
      Object.assign(peer, { proc, url, pid: proc.pid, coldMs: proc.readyMs })
      // The answers, byte for byte (the sandbox: its own, a fresh token and identity each time).
      peer.getToken = name === 'sandbox' ? null : token
      const post = await postCreate(url)
      const get = await request({ url: `${url}/api/ekyc/verifications/${name === 'sandbox' ? await completedSession(url) : token}`, headers: CREDENTIALS })
      peer.check = name === 'sandbox'
        ? { ok: post.status === 200 && get.status === 200, what: `create ${post.status} ${post.buffer.length} B, record ${get.status} ${get.buffer.length} B (its own)` }
        : {
            ok: post.status === 200 && post.body === bytes.create && get.status === 200 && get.body === bytes.record,
            what: `create ${post.status} ${post.body === bytes.create ? 'same bytes' : `DIFFERENT bytes (${post.buffer.length} B)`}, record ${get.status} ${get.body === bytes.record ? 'same bytes' : `DIFFERENT bytes (${get.buffer.length} B)`}`
          }
      peer.headers = { create: post.headers['content-type'], record: get.headers['content-type'] }
      log(`${def.label}: first good answer ${fmt(peer.coldMs, 0)} ms after spawn; ${peer.check.what}`)
      if (!peer.check.ok) exitCode = 1
    } catch (err) {
      peer.failed = String(err.message ?? err).split('\n')[0].slice(0, 300)
      log(`${def.label}: ${err.message ?? err}`)
      exitCode = 1
    }
  }

  // 4. The rounds: GET then POST on every running peer in turn, the order rotated each round.
  const running = peers.filter(p => p.proc !== undefined)
  const WORKLOADS = [
    {
      key: 'get',
      name: 'GET record',
      async spec (peer) {
        const t = peer.name === 'sandbox' ? await completedSession(peer.url) : peer.getToken
        return { path: `/api/ekyc/verifications/${t}`, headers: CREDENTIALS }
      }
    },
    { key: 'create', name: 'POST create', async spec () { return { path: '/api/ekyc/verifications', method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY } } }
  ]
  for (let round = 0; round < ROUNDS; round++) {
    const order = running.map((_, i) => running[(i + round) % running.length])
    const warmup = round === 0 ? WARMUP : 0
    for (const workload of WORKLOADS) {
      for (const peer of order) {
        log(`round ${round + 1}/${ROUNDS}: ${workload.name} on ${peer.label}: ${warmup > 0 ? `${warmup}s warm-up + ` : ''}${SECONDS}s`)
        const spec = await workload.spec(peer)
        const load = { url: peer.url, spec, expected: [200], connections: CONNECTIONS, threads: THREADS }
        if (warmup > 0) await runLoad(client, { ...load, seconds: warmup })
        const before = cpuMs(peer.pid)
        const m = await runLoad(client, { ...load, seconds: SECONDS })
        const after = cpuMs(peer.pid)
        m.cpuUsPerReq = before === null || after === null || m.total === 0 ? null : ((after - before) * 1000) / m.total
        peer.runs[workload.key].push(m)
        const bad = m.errors + m.unexpected
        log(`  ${intFmt(m.rps)} req/s, p99 ${fmt(m.p99Ms, 2)} ms, ${fmt(m.cpuUsPerReq, 0)} CPU µs/req${bad > 0 ? `, ${bad} BAD ${JSON.stringify(m.counts)} ${JSON.stringify(m.errorDetail ?? {})}` : ''}`)
      }
    }
  }

  // 5. RSS after the load, then stop them all.
  for (const peer of running) {
    peer.rssMb = procMb(peer.pid)
    peer.peakMb = procMb(peer.pid, 'VmHWM')
    peer.stopped = await peer.proc.stop('SIGTERM', 10_000)
  }
  const totalSeconds = (performance.now() - started) / 1000
  const end = machine()

  // 6. The table.
  const digits = client.name === 'wrk' ? 2 : 0
  const kfmt = n => `${fmt(n / 1000, 1)}k`
  const sandboxPeer = running.find(p => p.name === 'sandbox')
  const bestOf = list => (list.length === 0 ? null : list.reduce((a, b) => (b.rps > a.rps ? b : a)))
  const leastCpu = list => (list.length === 0 ? null : Math.min(...list.map(m => m.cpuUsPerReq ?? Infinity)))
  const rows = []
  for (const peer of peers) {
    if (peer.skip || peer.failed) {
      rows.push(`| ${peer.label} | ${peer.version} | ${peer.skip ?? `did not start: ${peer.failed.replaceAll('|', '\\|')}`} | | | | | | | | | |`)
      continue
    }
    const cells = []
    for (const key of ['get', 'create']) {
      const b = bestOf(peer.runs[key])
      const vsSandbox = sandboxPeer === undefined || peer === sandboxPeer ? '' : ` (${fmt(b.rps / bestOf(sandboxPeer.runs[key]).rps, 2)}×)`
      cells.push(`${intFmt(b.rps)}${vsSandbox}`, peer.runs[key].map(m => kfmt(m.rps)).join(' / '), fmt(b.p99Ms, digits))
    }
    const bad = [...peer.runs.get, ...peer.runs.create].reduce((n, m) => n + m.errors + m.unexpected, 0)
    if (bad > 0) exitCode = 1
    const badText = `${bad}${peer.check.ok ? '' : `; ${peer.check.what}`}`
    rows.push(`| ${peer.label} | ${peer.version} | ${fmt(peer.coldMs, 0)} | ${cells.join(' | ')} | ${fmt(leastCpu(peer.runs.get), 0)} / ${fmt(leastCpu(peer.runs.create), 0)} | ${fmt(peer.rssMb, 0)} (${fmt(peer.peakMb, 0)}) | ${badText} |`)
  }
  const markdown = `
## Peers (\`npm run bench:peers\`)

${env.date} · commit ${env.commit} · Node ${env.node} · ${env.cores} cores (${env.cpu}, ${env.memGb} GB) · load average at the start ${env.load}, at the end ${end.load}
· client: ${clientLabel(client)}${client.name === 'wrk' ? ` with ${THREADS} thread${THREADS === 1 ? '' : 's'}, a Lua \`response()\` counting every status` : ''} · ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}, each server in turn (the order rotated each round), ${SECONDS} s each, ${WARMUP > 0 ? `after a ${WARMUP} s warm-up in the first round` : 'no warm-up'} · ${CONNECTIONS} connections · whole run ${fmt(totalSeconds, 0)} s

| server | version | cold start ms | GET req/s (best; ÷ sandbox) | GET by round | GET p99 ms | POST req/s (best; ÷ sandbox) | POST by round | POST p99 ms | CPU µs/req GET / POST | RSS MB after (peak) | bad |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

Every stub answers the two endpoints with the sandbox's own bytes, captured from a running sandbox at the start of the run (create ${Buffer.byteLength(bytes.create)} B, the record of a finished \`pass\` session ${Buffer.byteLength(bytes.record)} B) and checked byte for byte before the load; the sandbox makes a new session for each create. Cold start is spawn → the first POST create answered 200 with those bytes (the sandbox: with a token), one start each, polled every 10 ms. CPU µs/req is the process's user+system CPU time over the measured window ÷ the requests answered (least over the rounds; for WireMock the whole JVM, JIT and GC included). RSS after the load is VmRSS once the last round is over; peak is VmHWM. "bad" counts connection errors, timeouts and non-200 answers over all rounds.

${peers.map(p => `- ${p.label}: ${p.skip ?? p.describe()}${p.headers === undefined ? '' : `; content-type \`${p.headers.record ?? 'none'}\``}`).join('\n')}
- json-server: not run. It answers a POST by storing the body it was sent and echoing it with an id, so it cannot give the create's bytes without custom middleware (an Express app of our own, not json-server).
`
  console.log(markdown)
  if (WRITE) {
    writeSection('bench:peers', markdown)
    log(`done in ${fmt(totalSeconds, 0)} s; table written to BENCHMARKS.md`)
  } else {
    log(`done in ${fmt(totalSeconds, 0)} s; BENCH_WRITE=0, so BENCHMARKS.md is left as it is`)
  }
} catch (err) {
  console.error(err)
  exitCode = 1
} finally {
  for (const peer of peers) if (peer.proc !== undefined) await peer.proc.stop('SIGKILL', 5000)
  rmSync(work, { recursive: true, force: true })
}
process.exit(exitCode)

/** A sandbox on a free port, for capturing the bytes (its start is not timed). */
async function startSandbox () {
  const port = await freePort()
  const url = `http://${HOST}:${port}`
  const proc = await startProcess({
    name: 'sandbox (capture)',
    command: process.execPath,
    args: [...startFlags(), sandboxEntry()],
    env: { ...process.env, PORT: String(port), HOST, LOG_LEVEL: 'silent' },
    ready: async () => (await request({ url: `${url}/health`, timeoutMs: 1000 })).status === 200
  })
  return { ...proc, url }
}

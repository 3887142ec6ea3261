// `npm run bench:memory`: bounded memory. Creates MEMORY_SESSIONS (200,000) sessions through the API
// against the built server at its default MAX_VERIFICATIONS (10,000), samples the server's RSS all
// along, then checks: RSS max under MEMORY_LIMIT_MB (250); the store holds exactly MAX_VERIFICATIONS,
// the newest ones (oldest evicted first); the first token answers 404, the last 200; the journal,
// the arms and the faults stay bounded. Exits 1 when a check fails.
//   MEMORY_SESSIONS (200000)  MEMORY_CONNECTIONS (20)  MEMORY_PIPELINING (8)  MEMORY_LIMIT_MB (250)
import {
  CREATE_BODY, CREDENTIALS, JSON_HEADERS, cannon, createSession, envInt, fmt, intFmt, machine, procMb,
  request, requestJson, startServer, statusCounts
} from './lib.mjs'

const SESSIONS = envInt('MEMORY_SESSIONS', 200_000, 20_000, 5_000_000)
const CONNECTIONS = envInt('MEMORY_CONNECTIONS', 20, 1, 1000)
const PIPELINING = envInt('MEMORY_PIPELINING', 8, 1, 100)
const LIMIT_MB = envInt('MEMORY_LIMIT_MB', 250, 1, 100_000)
const MAX_VERIFICATIONS = 10_000 // the default; the server is started without MAX_VERIFICATIONS
const MAX_JOURNAL = 200
const MAX_ARMS = 1000
const MAX_FAULTS = 100
const PROBE_CLIENT = 'memory-probe'
const log = (...args) => console.error('[memory]', ...args)
const began = performance.now()

const checks = []
const check = (name, ok, detail) => { checks.push({ name, ok, detail }); log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`) }

const server = await startServer({ kind: 'sandbox', env: { MAX_VERIFICATIONS: '' } })
let maxRss = procMb(server.pid) ?? 0
const idleRss = maxRss
const samples = []
let listRss = null
const sampler = setInterval(() => {
  const rss = procMb(server.pid)
  if (rss === null) return
  maxRss = Math.max(maxRss, rss)
  samples.push(rss)
}, 100)

try {
  const first = await createSession(server.url)
  const flood = SESSIONS - 2
  log(`creating ${intFmt(flood)} sessions: ${CONNECTIONS} connections × pipelining ${PIPELINING}`)
  const floodStart = performance.now()
  const result = await cannon({
    url: `${server.url}/api/ekyc/verifications`,
    method: 'POST',
    headers: JSON_HEADERS,
    body: CREATE_BODY,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    amount: flood,
    duration: 600, // an upper bound: `amount` ends the run
    timeout: 30
  })
  const floodSeconds = (performance.now() - floodStart) / 1000
  const counts = statusCounts(result)
  const created = counts['200'] ?? 0
  log(`flood: ${intFmt(created)} created in ${fmt(floodSeconds, 1)} s (${intFmt(created / floodSeconds)}/s), statuses ${JSON.stringify(counts)}, errors ${result.errors}`)
  const sent = Object.values(counts).reduce((a, b) => a + b, 0)
  check('every create answered 200', created === sent && result.errors === 0 && result.timeouts === 0, `${intFmt(created)} of ${intFmt(sent)}, ${JSON.stringify(counts)}, errors ${result.errors}, timeouts ${result.timeouts}`)
  // autocannon's `amount` is approximate with pipelining (it may send a few more than it counts):
  // the server's ids (1, 2, 3, ... per create) say how many exist; top up one by one to the number.
  const idOf = async token => (await requestJson({ url: `${server.url}/api/ekyc/verifications/${token}`, headers: CREDENTIALS })).json?.result?.id
  const soFar = await idOf(await createSession(server.url))
  const topUp = Math.max(0, Math.min(SESSIONS - soFar - 1, 10_000))
  for (let i = 0; i < topUp; i++) await createSession(server.url)
  const last = await createSession(server.url)
  const total = await idOf(last)
  check(`${intFmt(SESSIONS)} sessions created`, total >= SESSIONS && total <= SESSIONS + 1000, `${intFmt(total)} (flood ${intFmt(created)} counted, ${intFmt(soFar - 1 - created)} more sent by pipelining; topped up by ${topUp})`)
  const rssAfterFlood = procMb(server.pid)
  const maxRssFlood = maxRss

  const firstRes = await request({ url: `${server.url}/api/ekyc/verifications/${first}`, headers: CREDENTIALS })
  const lastRes = await requestJson({ url: `${server.url}/api/ekyc/verifications/${last}`, headers: CREDENTIALS })
  check('the first session was evicted: GET answers 404', firstRes.status === 404, `status ${firstRes.status}`)
  check('the last session is kept: GET answers 200', lastRes.status === 200, `status ${lastRes.status}`)
  const lastId = lastRes.json?.result?.id

  const health = await requestJson({ url: `${server.url}/health` })
  check(`the store holds MAX_VERIFICATIONS (${intFmt(MAX_VERIFICATIONS)}) sessions`, health.json?.sessions === MAX_VERIFICATIONS, `/health sessions ${health.json?.sessions}`)

  const journal = await requestJson({ url: `${server.url}/_sandbox/requests?limit=999` })
  const journalLength = journal.json?.result?.length
  check(`the journal stays bounded (${MAX_JOURNAL})`, journal.status === 200 && journalLength === MAX_JOURNAL, `status ${journal.status}, ${journalLength} entries after ${intFmt(SESSIONS)} calls`)

  // Arms and faults: the control plane refuses past its bound (422) and keeps at most that many waiting.
  const post = (path, body) => request({ method: 'POST', url: `${server.url}/_sandbox/${path}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const tally = async (n, send) => {
    const statuses = {}
    for (let i = 0; i < n; i++) {
      const { status } = await send()
      statuses[status] = (statuses[status] ?? 0) + 1
    }
    return statuses
  }
  const armStatuses = await tally(MAX_ARMS + 5, () => post('arm', { scenario: 'pass', client_id: PROBE_CLIENT, count: 1000 }))
  const arms = await requestJson({ url: `${server.url}/_sandbox/arm` })
  check(`arms stay bounded (${MAX_ARMS})`, armStatuses['200'] === MAX_ARMS && armStatuses['422'] === 5 && arms.json?.result?.length === MAX_ARMS,
    `${JSON.stringify(armStatuses)} for ${MAX_ARMS + 5} arms; ${arms.json?.result?.length} waiting`)
  const faultStatuses = await tally(MAX_FAULTS + 5, () => post('faults', { route: 'get', status: 500, client_id: PROBE_CLIENT, count: 1000 }))
  const faults = await requestJson({ url: `${server.url}/_sandbox/faults` })
  check(`faults stay bounded (${MAX_FAULTS})`, faultStatuses['200'] === MAX_FAULTS && faultStatuses['422'] === 5 && faults.json?.result?.length === MAX_FAULTS,
    `${JSON.stringify(faultStatuses)} for ${MAX_FAULTS + 5} faults; ${faults.json?.result?.length} waiting`)
  const cleared = await requestJson({ method: 'DELETE', url: `${server.url}/_sandbox/state?client_id=${PROBE_CLIENT}` })
  check('the probe client\'s arms and faults are forgotten', cleared.json?.result?.arms === MAX_ARMS && cleared.json?.result?.faults === MAX_FAULTS, JSON.stringify(cleared.json?.result))

  clearInterval(sampler)
  const rssEnd = procMb(server.pid)
  const hwm = procMb(server.pid, 'VmHWM')
  const peak = Math.max(maxRss, hwm ?? 0)
  check(`server RSS stays under ${LIMIT_MB} MB (creates, API reads, journal, arms, faults)`, peak < LIMIT_MB,
    `max sampled ${fmt(maxRss, 0)} MB (during the flood ${fmt(maxRssFlood, 0)}; ${samples.length} samples every 100 ms; kernel peak VmHWM ${fmt(hwm, 0)} MB); idle ${fmt(idleRss, 0)}, after the flood ${fmt(rssAfterFlood, 0)}, at the end ${fmt(rssEnd, 0)}`)
  // Oldest first: what is left is exactly the newest ids. Checked last: listing every session through
  // the control plane builds one big response, and its RSS is reported apart from the bound above.
  const list = await requestJson({ url: `${server.url}/_sandbox/verifications?limit=${MAX_VERIFICATIONS}`, timeoutMs: 60_000 })
  const ids = (list.json?.result ?? []).map(v => v.record.id)
  const contiguous = ids.length === MAX_VERIFICATIONS && ids.every((id, i) => id === lastId - i)
  check('eviction is oldest first: the kept ids are the newest, contiguous', contiguous,
    `${ids.length} kept, ids ${ids[0]}..${ids.at(-1)}, last created id ${lastId} (list body ${fmt(list.buffer.length / 2 ** 20, 1)} MB)`)

  listRss = { now: procMb(server.pid), hwm: procMb(server.pid, 'VmHWM') }
} catch (err) {
  check('the run completed', false, err.stack)
} finally {
  clearInterval(sampler)
  const exit = await server.stop()
  check('graceful SIGTERM exit 0', exit.code === 0, JSON.stringify(exit))
}

const failed = checks.filter(c => !c.ok)
const m = machine()
console.log(`\nbench:memory · ${m.date} · Node ${m.node} · ${m.cores} cores · load ${m.load} · ${intFmt(SESSIONS)} sessions · ${fmt((performance.now() - began) / 1000, 0)} s`)
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`)
if (listRss !== null) console.log(`note  listing all ${intFmt(MAX_VERIFICATIONS)} sessions (GET /_sandbox/verifications?limit=N) took the RSS to ${fmt(listRss.now, 0)} MB (peak ${fmt(listRss.hwm, 0)} MB)`)
console.log(failed.length === 0 ? 'all checks passed' : `${failed.length} check(s) failed`)
process.exit(failed.length === 0 ? 0 : 1)

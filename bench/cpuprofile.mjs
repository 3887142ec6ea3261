// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per module, and the
// inclusive time of the project's own functions. Usable as a module or as
// `node bench/cpuprofile.mjs FILE.cpuprofile [topN]`.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * The bundled CLI (dist/cli.js) holds every module in one file; esbuild marks where each starts
 * with a `// node_modules/fastify/lib/reply.js` or `// dist/routes/api.js` comment line. For a
 * frame in such a file, the module is the one whose marker is the last above the frame's line.
 */
const bundleRegions = new Map()
function regionsOf (path) {
  if (!bundleRegions.has(path)) {
    let regions = null
    try {
      const lines = readFileSync(path, 'utf8').split('\n')
      const found = []
      lines.forEach((line, i) => {
        const m = /^\/\/ ((?:node_modules|dist)\/\S+\.[cm]?js)$/.exec(line)
        if (m !== null) found.push([i, m[1]])
      })
      regions = found.length > 0 ? found : null
    } catch {}
    bundleRegions.set(path, regions)
  }
  return bundleRegions.get(path)
}

function bundledPath (path, lineNumber) {
  const regions = lineNumber === undefined ? null : regionsOf(path)
  if (regions === null) return path
  let lo = 0
  let hi = regions.length - 1
  if (lineNumber < regions[0][0]) return path
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (regions[mid][0] <= lineNumber) lo = mid
    else hi = mid - 1
  }
  return ROOT + regions[lo][1]
}

/** Where a frame lives: 'fastify', 'fast-json-stringify', 'sandbox:dist/routes/api.js', 'node:internal', '(gc)', ... */
export function moduleOf (url, functionName, lineNumber) {
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)'
    if (functionName === '(idle)' || functionName === '(program)') return functionName
    return '(native)'
  }
  const path = url.startsWith('file://') ? bundledPath(fileURLToPath(url), lineNumber) : url
  const nm = path.lastIndexOf('node_modules/')
  if (nm !== -1) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  if (path.startsWith('node:')) return 'node:internal'
  if (path.startsWith(ROOT)) return `sandbox:${path.slice(ROOT.length)}`
  return path
}

/** skipMs: leave out the first milliseconds of the profile (start-up, when profiling a workload). */
export function summarise (profile, topN = 15, skipMs = 0) {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const selfUs = new Map()
  let totalUs = 0
  let at = profile.startTime
  const from = profile.startTime + skipMs * 1000
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0
    at += dt
    if (dt <= 0 || at < from) continue
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt)
    totalUs += dt
  }
  const byFunction = new Map()
  const byModule = new Map()
  const inclusive = new Map()
  const moduleInclusive = new Map()
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id)
    const mod = moduleOf(callFrame.url, callFrame.functionName, callFrame.lineNumber)
    const key = `${callFrame.functionName || '(anonymous)'} ${mod}:${callFrame.lineNumber + 1}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + us)
    byModule.set(mod, (byModule.get(mod) ?? 0) + us)
    // Inclusive time of project frames: each distinct project function on the stack once.
    const seen = new Set()
    const seenModules = new Set()
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const frame = nodes.get(node).callFrame
      const m = moduleOf(frame.url, frame.functionName, frame.lineNumber)
      if (seenModules.has(m) || m.startsWith('(') || m === 'node:internal') continue
      seenModules.add(m)
      moduleInclusive.set(m, (moduleInclusive.get(m) ?? 0) + us)
    }
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const frame = nodes.get(node).callFrame
      const m = moduleOf(frame.url, frame.functionName, frame.lineNumber)
      if (!m.startsWith('sandbox:')) continue
      const k = `${frame.functionName || '(anonymous)'} ${m}:${frame.lineNumber + 1}`
      if (seen.has(k)) continue
      seen.add(k)
      inclusive.set(k, (inclusive.get(k) ?? 0) + us)
    }
  }
  const idle = (byModule.get('(idle)') ?? 0)
  const busyUs = totalUs - idle
  const top = (map, n) => [...map].filter(([k]) => k !== '(idle)' && !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, pctBusy: busyUs > 0 ? (100 * us) / busyUs : 0 }))
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    functions: top(byFunction, topN),
    modules: top(byModule, topN),
    projectInclusive: top(inclusive, topN),
    moduleInclusive: top(moduleInclusive, topN)
  }
}

export function formatSummary (s, title = 'profile') {
  const rows = list => list.map(r => `  ${r.pctBusy.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`).join('\n')
  return [
    `${title}: ${s.busyMs.toFixed(0)} ms busy of ${s.totalMs.toFixed(0)} ms sampled`,
    ' self time by module:', rows(s.modules),
    ' inclusive time by module (a module on the stack, whoever does the work):', rows(s.moduleInclusive),
    ' self time by function:', rows(s.functions),
    ' inclusive time of project functions:', rows(s.projectInclusive)
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node bench/cpuprofile.mjs FILE.cpuprofile [topN]')
    process.exit(2)
  }
  console.log(formatSummary(summarise(JSON.parse(readFileSync(file, 'utf8')), Number(process.argv[3] ?? 15)), file))
}

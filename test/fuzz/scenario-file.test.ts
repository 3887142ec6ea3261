// Property-based fuzzing of the scenario file loader: a valid scenario or a ScenarioFileError naming the file.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { Compile } from 'typebox/compile'
import { catalogueProblems, scenarioProblems } from '../../src/domain/scenario-rules.js'
import { parseScenarioFile, ScenarioFileError } from '../../src/plugins/scenarios.js'
import { ScenarioFileSchema } from '../../src/schemas/scenario.js'
import { check, hostileKey, hostileString, hostileValue, ownProtoKeys, params, PROTO_KEYS, validInline } from './fuzz-helpers.js'

const DIR = new URL('../../scenarios/', import.meta.url).pathname
const CATALOGUE = readdirSync(DIR).filter(f => f.endsWith('.json')).map(f => ({ file: f, text: readFileSync(join(DIR, f), 'utf8') }))
const checkFile = Compile(ScenarioFileSchema)

const threshold = fc.oneof(fc.constantFrom(0, 50, 70, 100), fc.double({ min: 0, max: 100, noNaN: true }))
const fileName = fc.oneof(
  fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  fc.constantFrom('pass', 'PASS', 'pass-', '-pass', 'a--b', 'x'.repeat(81), '__proto__', 'constructor', 'toString', '', '.json', 'pass.json', 'pass\u0000', 'pas s'),
  hostileString
)
const pathOf = fc.tuple(fc.constantFrom('scenarios/', '/abs/dir/', 'C:\\scen\\', '', 'dir with space/', 'ü/'), fileName, fc.constantFrom('.json', '.json', '.JSON', '', '.json.bak'))
  .map(([dir, name, ext]) => `${dir}${name}${ext}`)

/** A real catalogue file, with one thing changed: a field removed, replaced or added, the text cut. */
const mutatedCatalogueFile = fc.tuple(fc.constantFrom(...CATALOGUE), fc.constantFrom('drop', 'set', 'add', 'cut', 'deep', 'none'), hostileKey, hostileValue, fc.nat())
  .map(([{ file, text }, how, key, value, n]) => {
    const data = JSON.parse(text) as Record<string, unknown>
    const keys = Object.keys(data)
    const pick = keys[n % keys.length]
    switch (how) {
      case 'drop': delete data[pick]; break
      case 'set': data[pick] = value; break
      case 'add': Object.defineProperty(data, key, { value, enumerable: true, configurable: true, writable: true }); break
      case 'cut': return { file, text: text.slice(0, n % text.length) }
      case 'deep': {
        const ocr = data.ocr as { attempts: unknown[] } | undefined
        if (ocr !== undefined) ocr.attempts.push(value)
        else data.face = { attempts: [value] }
        break
      }
    }
    return { file, text: JSON.stringify(data) }
  })

/** A well-formed file by construction: the path's name, a title, a group, a valid outcome. */
const constructedFile = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/), validInline, fc.constantFrom('passes', 'document', 'face', 'other'), fc.string({ minLength: 1, maxLength: 60 }))
  .map(([name, inline, group, title]) => ({ file: `${name}.json`, text: JSON.stringify({ ...inline, name, title, group }) }))

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  hostileValue.map(v => JSON.stringify(v) ?? ''),
  fc.dictionary(fc.constantFrom('name', 'title', 'group', 'ocr', 'face', 'document', 'expire', 'type', 'description', ...PROTO_KEYS), hostileValue, { maxKeys: 6 }).map(o => JSON.stringify(ownProtoKeys(o))),
  fc.constantFrom('', ' ', '\ufeff{}', '{}', '[]', 'null', '{"name":"x"', '{"__proto__":{"name":"x"}}', '1e999', '"\\ud800"',
    '['.repeat(3000) + ']'.repeat(3000), `{"name":"pass","title":"t","group":"passes","ocr":{"attempts":${'['.repeat(2000)}${']'.repeat(2000)}}}`,
    `{"name":"pass","title":"${'t'.repeat(201)}","group":"passes"}`, '{"name":"pass","title":"t","group":"passes","name":"other"}')
)

/** The loader's contract: a scenario that passes every check, or a ScenarioFileError naming the file. */
function loadOrExplain (path: string, text: string, th: number): { ok: true, value: unknown } | { ok: false } {
  try {
    const value = parseScenarioFile(path, text, th)
    check(checkFile.Check(value), `${path}: returned a scenario outside the file schema: ${text.slice(0, 300)}`)
    check(value.name === path.replace(/^.*[\\/]/, '').replace(/\.json$/, ''), `${path}: returned a scenario whose name "${value.name}" is not the file's`)
    check(scenarioProblems(value, th).length === 0, `${path}: returned a scenario that breaks the rules: ${text.slice(0, 300)}`)
    check(JSON.stringify(value) === JSON.stringify(JSON.parse(text)), `${path}: returned something else than the file says`)
    return { ok: true, value }
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`${path}: `)) throw err
    check(err instanceof ScenarioFileError, `${path}: threw ${String((err as Error)?.name)} (${String((err as Error)?.message).slice(0, 200)}) instead of a ScenarioFileError for ${JSON.stringify(text.slice(0, 300))}`)
    check(err.file === path && err.message.includes(path), `${path}: the error does not name the file: ${err.message.slice(0, 200)}`)
    check(err.message.length > `scenario file ${path}: `.length, `${path}: the error gives no reason`)
    return { ok: false }
  }
}

t.test('parseScenarioFile: any text under any path gives a valid scenario or a ScenarioFileError naming the file', async t => {
  fc.assert(fc.property(pathOf, anyText, threshold, (path, text, th) => { loadOrExplain(path, text, th) }), params(300))
  t.pass('contract held')
})

t.test('parseScenarioFile: a catalogue file with one thing changed gives a valid scenario or a ScenarioFileError naming the file', async t => {
  fc.assert(fc.property(mutatedCatalogueFile, fc.boolean(), threshold, ({ file, text }, ownName, th) => {
    loadOrExplain(ownName ? `scenarios/${file}` : `scenarios/other-${file}`, text, th)
  }), params(300))
  t.pass('contract held')
})

t.test('parseScenarioFile: every catalogue file loads under its own name at the default threshold', async t => {
  for (const { file, text } of CATALOGUE) t.ok(loadOrExplain(`scenarios/${file}`, text, 70).ok, file)
})

t.test('parseScenarioFile: a well-formed file whose attempts can be played loads as written', async t => {
  fc.assert(fc.property(constructedFile, threshold, ({ file, text }, th) => {
    fc.pre(scenarioProblems(JSON.parse(text), th).length === 0)
    // Codes of one OCR engine only need the document kind said (test/sandbox/complete-fit covers that refusal).
    fc.pre(catalogueProblems(JSON.parse(text)).length === 0)
    check(loadOrExplain(`scenarios/${file}`, text, th).ok, `a well-formed file was refused: ${text}`)
  }), params(200))
  t.pass('contract held')
})

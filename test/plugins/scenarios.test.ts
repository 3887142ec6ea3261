import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { ConfigError, DEFAULT_SCENARIOS_DIR, loadConfig } from '../../src/config.js'
import { loadScenarioDir, parseScenarioFile, ScenarioFileError } from '../../src/plugins/scenarios.js'
import { SCENARIO_GROUPS } from '../../src/schemas/scenario.js'

// The scenario catalogue alone: how a folder of files is read, ordered and refused at start-up.

const OCR_PASS = { ocr: { attempts: [{ code: 'Success' }] } }

/** A fresh folder holding `files` (name -> content), removed when the test ends. */
function folder (t: { teardown: (fn: () => unknown) => void }, files: Array<[string, unknown]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scenarios-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  for (const [name, content] of files) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content))
  return dir
}
const scenario = (name: string, group: string) => [`${name}.json`, { name, title: name, group, ...OCR_PASS }] as [string, unknown]

/** The error `fn` throws, checked to be a ScenarioFileError. */
function fileError (t: { type: (v: unknown, c: Function) => unknown }, fn: () => unknown): ScenarioFileError {
  try {
    fn()
  } catch (err) {
    t.type(err, ScenarioFileError)
    return err as ScenarioFileError
  }
  throw new Error('no error thrown')
}

t.test('the catalogue is ordered by group (passes, document, face, other), then by file name; other files are ignored', async t => {
  const dir = folder(t, [
    scenario('z-other', 'other'), scenario('b-face', 'face'), scenario('b-passes', 'passes'), ['README.md', '# not a scenario'],
    scenario('a-face', 'face'), scenario('a-passes', 'passes'), scenario('d-document', 'document'), ['notes.json.txt', 'nope'],
    scenario('c-face', 'face'), scenario('c-passes', 'passes')
  ])
  // Written out of order (forwards and backwards), whatever order the file system lists them in.
  t.strictSame(loadScenarioDir(dir, 70).map(s => s.name), ['a-passes', 'b-passes', 'c-passes', 'd-document', 'a-face', 'b-face', 'c-face', 'z-other'])
})

t.test('the built-in catalogue: groups in order, file names in order within each group', async t => {
  const all = loadScenarioDir(DEFAULT_SCENARIOS_DIR, 70)
  const key = (s: { group: string, name: string }) => `${SCENARIO_GROUPS.indexOf(s.group as typeof SCENARIO_GROUPS[number])}:${s.name}.json`
  t.strictSame(all.map(key), all.map(key).sort())
})

t.test('a folder that cannot be read, or holds no *.json file, stops start-up naming the folder', async t => {
  const missing = join(tmpdir(), 'no-such-scenarios-folder')
  t.equal(fileError(t, () => loadScenarioDir(missing, 70)).message,
    `scenario file ${missing}: cannot read the folder (ENOENT: no such file or directory, scandir '${missing}')`)
  const empty = folder(t, [['README.md', 'nothing here']])
  const err = fileError(t, () => loadScenarioDir(empty, 70))
  t.equal(err.message, `scenario file ${empty}: the folder holds no *.json scenario`)
  t.equal(err.file, empty)
})

/** What JSON.parse says about `text` on this Node. */
function jsonParseMessage (text: string): string {
  try {
    JSON.parse(text)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error(`${text} is valid JSON`)
}

t.test('a bad scenario file is refused in words naming the file and each problem', async t => {
  const cases: Array<[string, string, string]> = [
    // The parser's own words, which differ between Node versions (24 adds the line and column).
    ['/s/x.json', '{', `not valid JSON (${jsonParseMessage('{')})`],
    ['/s/x.json', '[]', '/ must be object'],
    ['/s/x.json', '{"name":"x","title":"t","group":"nope"}', '/group must be equal to one of the allowed values'],
    ['/s/x.json', '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7}',
      '/ must have required properties name, title, group; /a schema is false; /b schema is false; /c schema is false; /d schema is false'],
    ['/s/x.jsonb.json', JSON.stringify({ name: 'x', title: 't', group: 'other', ...OCR_PASS }), 'name "x" must equal the file name "x.jsonb"'],
    ['/s/x.json', JSON.stringify({ name: 'x', title: 't', group: 'other', expire: true, ...OCR_PASS, face: { attempts: [{ code: 'Success' }, { code: 'Success' }] } }),
      'face.attempts: no attempt may follow a Success; expire: an expiring scenario plays no attempt']
  ]
  for (const [path, text, reason] of cases) {
    const err = fileError(t, () => parseScenarioFile(path, text, 70))
    t.equal(err.message, `scenario file ${path}: ${reason}`, text)
    t.equal(err.file, path)
  }
})

t.test('DEFAULT_SCENARIO naming no scenario of the folder stops start-up, listing the known names', async t => {
  const dir = folder(t, [scenario('b-one', 'passes'), scenario('a-two', 'other')])
  const config = loadConfig({ LOG_LEVEL: 'silent', SCENARIOS_DIR: dir, DEFAULT_SCENARIO: 'pass' })
  await t.rejects(buildApp(config, {}), new ConfigError('DEFAULT_SCENARIO', 'no scenario named "pass" (known: b-one, a-two)'))
  try {
    await buildApp(config, {})
  } catch (err) {
    t.type(err, ConfigError)
    t.equal((err as Error).message, 'DEFAULT_SCENARIO: no scenario named "pass" (known: b-one, a-two)')
  }
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', SCENARIOS_DIR: dir, DEFAULT_SCENARIO: 'a-two' }), {})
  t.teardown(() => app.close())
  t.strictSame(app.scenarios.names, ['b-one', 'a-two'])
})

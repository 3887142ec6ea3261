import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { DEFAULT_SCENARIOS_DIR } from '../../src/config.js'
import { buildTestApp } from '../helpers/app.js'
import { control } from './control.js'

t.test('GET /_sandbox/scenarios lists every scenario file with name, title, group, description and attempts', async t => {
  const { app } = await buildTestApp(t)
  const res = await control(app, 'GET', '/scenarios')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.strictSame(Object.keys(body), ['status', 'result'])
  t.equal(body.status, 200)
  const files = readdirSync(DEFAULT_SCENARIOS_DIR).filter(f => f.endsWith('.json')).map(f => f.slice(0, -5))
  t.strictSame(body.result.map((s: { name: string }) => s.name).sort(), files.sort())
  t.strictSame(body.result.find((s: { name: string }) => s.name === 'pass'), {
    name: 'pass',
    title: 'Clean pass',
    group: 'passes',
    description: 'The document reads cleanly on the first try and, for type 00, the selfie matches at 96.4.',
    document: null,
    expire: false,
    attempts: { ocr: [{ code: 'Success' }], face: [{ code: 'Success', sim: 96.4 }] }
  })
  for (const s of body.result) {
    t.strictSame(Object.keys(s), ['name', 'title', 'group', 'description', 'document', 'expire', 'attempts'], s.name)
  }
})

t.test('GET /_sandbox/scenarios/:name returns one entry, or a 404 naming it', async t => {
  const { app } = await buildTestApp(t)
  const one = await control(app, 'GET', '/scenarios/fail-ocr-blurry')
  t.equal(one.statusCode, 200)
  t.strictSame(one.json().result.attempts, { ocr: [{ code: '9108' }, { code: '9108' }, { code: '9108' }], face: [] })

  const missing = await control(app, 'GET', '/scenarios/no-such-thing')
  t.equal(missing.statusCode, 404)
  t.strictSame(missing.json(), { status: 404, message: 'Scenario "no-such-thing" not found.' })
})

t.test('the catalogue says which scenarios let the link expire, as their files do', async t => {
  const { app } = await buildTestApp(t)
  const catalogue: Array<{ name: string, expire: boolean }> = (await control(app, 'GET', '/scenarios')).json().result
  const expiring = catalogue.filter(s => s.expire).map(s => s.name)
  const files = readdirSync(DEFAULT_SCENARIOS_DIR).filter(f => f.endsWith('.json'))
  const inFiles = files.filter(f => JSON.parse(readFileSync(join(DEFAULT_SCENARIOS_DIR, f), 'utf8')).expire === true).map(f => f.slice(0, -5))
  t.ok(inFiles.length > 0, 'the catalogue has an expiring scenario')
  t.strictSame(expiring.sort(), inFiles.sort())
  t.strictSame((await control(app, 'GET', `/scenarios/${inFiles[0]}`)).json().result.expire, true, 'and so does its own entry')
})

// The limits the OpenAPI document states for the page's form hold: a field one character (or one
// repetition) over its limit is refused as a whole, whatever the button, with a 422 page naming the
// field, and nothing is applied (not even "give up", which needs no other field).
import t from 'tap'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { openPage, submit } from './page-helpers.js'

interface Schema { type?: string, maxLength?: number, maxItems?: number, anyOf?: Schema[], items?: Schema, properties?: Record<string, Schema> }

const { app } = await buildTestApp(t)
const doc = (await app.inject({ url: '/documentation/json' })).json()
const form = doc.paths['/verifications'].post.requestBody.content['application/x-www-form-urlencoded'].schema as Schema

interface Case { limit: string, fields: Array<[string, string]> }

/** For each documented limit of a field: the field's values (one pair each) just over it. */
function overLimits (name: string, schema: Schema): Case[] {
  const cases: Case[] = []
  for (const s of [schema, ...(schema.anyOf ?? [])]) {
    if (s.type === 'string' && s.maxLength !== undefined) cases.push({ limit: `${name} length`, fields: [[name, 'x'.repeat(s.maxLength + 1)]] })
    if (s.type === 'array' && s.maxItems !== undefined) cases.push({ limit: `${name} count`, fields: Array.from({ length: s.maxItems + 1 }, () => [name, '9101'] as [string, string]) })
    if (s.type === 'array' && s.items?.maxLength !== undefined) cases.push({ limit: `${name} length, repeated`, fields: [[name, 'x'.repeat(s.items.maxLength + 1)], [name, '9101']] })
  }
  return cases
}

t.test('a form field over its documented limit is a 422 page naming it, and nothing is applied', async t => {
  const token = await createSession(app)
  const before = (await getRecord(app, token)).json().result
  const cases = Object.entries(form.properties ?? {}).flatMap(([name, schema]) => overLimits(name, schema).map(c => ({ name, ...c })))
  t.strictSame(cases.map(c => c.limit).sort(), [
    'at length', 'code length', 'scenario length', 'sim length', 'warning count', 'warning length', 'warning length, repeated'
  ], 'the free-text fields have limits')
  for (const { name, limit, fields } of cases) {
    const label = `${limit}: ${fields.length} value(s), the first of ${fields[0][1].length} characters`
    const res = await submit(app, token, [['action', 'give-up'], ...fields])
    t.equal(res.statusCode, 422, label)
    t.matchStrict(res.headers['content-type'], /^text\/html/, label)
    t.matchStrict(res.body, new RegExp(`data-testid="error-message">[^<]*\\b${name}\\b`), `${label}: the page names the field`)
    t.equal(res.headers.location, undefined, label)
  }
  t.strictSame((await getRecord(app, token)).json().result, before, 'nothing applied')
  t.matchStrict((await openPage(app, token)).body, 'data-testid="presets"', 'the session is still open')
})

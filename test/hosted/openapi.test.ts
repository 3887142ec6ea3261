// The hosted page as the OpenAPI document (Swagger UI) shows it: every query parameter, form field
// and answer says what it is, the answers are HTML or a bodiless redirect, the form's free-text
// fields are bounded, and Try it out with the documented examples works on a live session.
import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { submit } from './page-helpers.js'

interface Schema { type?: string, description?: string, maxLength?: number, maxItems?: number, enum?: unknown[], anyOf?: Schema[], items?: Schema, properties?: Record<string, Schema> }
interface Parameter { in: string, name: string, description?: string, example?: unknown }
interface Media { schema: Schema, examples?: Record<string, { value: Record<string, string> }> }
interface Operation { parameters?: Parameter[], requestBody?: { content: Record<string, Media> }, responses: Record<string, { description?: string, content?: unknown }> }

const FORM = 'application/x-www-form-urlencoded'
const { app } = await buildTestApp(t)
const doc = (await app.inject({ url: '/documentation/json' })).json() as { paths: Record<string, Record<string, Operation>> }
const page = Object.entries(doc.paths['/verifications'])
const fields = Object.entries(doc.paths['/verifications'].post.requestBody?.content[FORM]?.schema.properties ?? {})

t.test('every query parameter, form field and answer of the page has words of its own', async t => {
  t.strictSame(page.map(([method]) => method), ['get', 'post'])
  t.not(fields.length, 0, 'the form is documented')
  for (const [method, op] of page) {
    for (const p of op.parameters ?? []) t.matchStrict(p.description, /\S/, `${method} ?${p.name}`)
    const body = op.requestBody?.content[FORM]?.schema.properties ?? {}
    for (const [name, schema] of Object.entries(body)) t.matchStrict(schema.description, /\S/, `${method} field ${name}`)
    const answers = Object.entries(op.responses)
    for (const [status, answer] of answers) {
      t.matchStrict(answer.description, /\S/, `${method} ${status}`)
      t.not(answer.description, 'Default Response', `${method} ${status}: not the generator's placeholder for a missing description`)
    }
    t.equal(new Set(answers.map(([, a]) => a.description)).size, answers.length, `${method}: each answer says what it means`)
  }
})

t.test('the page answers HTML, never JSON; its 303 is a redirect without a body', async t => {
  for (const [method, op] of page) {
    for (const [status, answer] of Object.entries(op.responses)) {
      t.strictSame(answer.content, status === '303' ? undefined : { 'text/html': { schema: { type: 'string' } } }, `${method} ${status}`)
    }
  }
})

t.test('every free-text field of the form has a maximum length, and a repeated field a maximum count', async t => {
  const bounded = (s: Schema | undefined): boolean => s !== undefined && (
    s.enum !== undefined ||
    (s.type === 'string' && typeof s.maxLength === 'number') ||
    (s.type === 'array' && typeof s.maxItems === 'number' && bounded(s.items)) ||
    (s.anyOf !== undefined && s.anyOf.every(bounded)))
  for (const [name, schema] of fields) t.equal(bounded(schema), true, name)
})

t.test('Try it out: each documented example is filled in, and works on a live session', async t => {
  const [get, post] = [doc.paths['/verifications'].get, doc.paths['/verifications'].post]
  const token = await createSession(app)
  const query = new URLSearchParams()
  for (const p of get.parameters ?? []) {
    t.matchStrict(p.example, /\S/, `?${p.name}`)
    query.set(p.name, p.name === 'token' ? token : String(p.example))
  }
  const shape = (text: unknown): string => String(text).replace(/[0-9A-Z]/g, '#')
  t.equal(shape(get.parameters?.find(p => p.name === 'token')?.example), shape(token), 'the example token looks like a real one')
  const opened = await app.inject({ url: `/verifications?${query}` })
  t.equal(opened.statusCode, 303, 'the example scenario is applied: back to the merchant')
  const examples = Object.values(post.requestBody?.content[FORM]?.examples ?? {}).map(e => e.value)
  t.not(examples.length, 0, 'the form has examples')
  for (const example of examples) {
    for (const [name, value] of Object.entries(example)) t.matchStrict(value, /\S/, `${JSON.stringify(example)}: ${name}`)
    const res = await submit(app, await createSession(app), example)
    t.equal(res.statusCode, 303, `${JSON.stringify(example)}: ${res.statusCode >= 400 ? res.body.slice(0, 300) : 'applied'}`)
  }
})

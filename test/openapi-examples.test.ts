// Swagger UI's "Try it out" starts from the OpenAPI document's examples. Every request body and
// every parameter has one, and each is accepted by the very route it documents: a newcomer's first
// click sends a valid request, and the first create example is the README's first session.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildTestApp, CREDENTIALS } from './helpers/app.js'

interface Media { example?: unknown, examples?: Record<string, { value: unknown }> }
interface Parameter { in: string, name: string, required?: boolean, example?: unknown, schema?: { example?: unknown } }
interface Operation { requestBody?: { content: Record<string, Media> }, parameters?: Parameter[] }

const examplesOf = (media: Media): unknown[] =>
  media.examples !== undefined ? Object.values(media.examples).map(e => e.value) : media.example !== undefined ? [media.example] : []

const { app } = await buildTestApp(t)
const doc = (await app.inject({ method: 'GET', url: '/documentation/json' })).json() as { paths: Record<string, Record<string, Operation>> }
const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))

async function createToken (): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://shop.example/return' } })
  return res.json().result.token
}

/** The path with its parameters filled from their examples, or with a live session's token. */
async function urlFor (path: string, parameters: Parameter[], token?: string): Promise<string> {
  let url = path
  const query = new URLSearchParams()
  for (const p of parameters) {
    const value = p.name === 'token' && token !== undefined ? token : String(p.example ?? p.schema?.example)
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value))
    if (p.in === 'query') query.set(p.name, value)
  }
  return query.size > 0 ? `${url}?${query}` : url
}

t.test('every request body has examples, and the route it documents accepts each one', async t => {
  const withBody = operations.filter(o => o.op.requestBody !== undefined)
  t.strictSame(withBody.map(o => `${o.method} ${o.path}`).sort(), [
    'post /_sandbox/arm', 'post /_sandbox/clock', 'post /_sandbox/faults', 'post /_sandbox/verifications/{token}/complete', 'post /api/ekyc/verifications', 'post /verifications'
  ])
  for (const { path, method, op } of withBody) {
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
      const examples = examplesOf(media)
      t.ok(examples.length > 0, `${method} ${path} (${type}) has examples`)
      for (const example of examples) {
        // Each example on a fresh session and a clean control plane, as a newcomer would try it.
        await app.inject({ method: 'DELETE', url: '/_sandbox/state' })
        const url = await urlFor(path, op.parameters ?? [], await createToken())
        const form = type === 'application/x-www-form-urlencoded'
        const res = await app.inject({
          method: 'POST',
          url: form ? `${url}?token=${await createToken()}` : url,
          headers: { ...CREDENTIALS, 'content-type': type },
          payload: form ? new URLSearchParams(example as Record<string, string>).toString() : JSON.stringify(example)
        })
        t.equal(res.statusCode, form ? 303 : 200, `${method} ${path} accepts ${JSON.stringify(example)}${res.statusCode >= 400 ? `: ${res.body}` : ''}`)
      }
    }
  }
})

t.test('every parameter has an example that passes its schema', async t => {
  for (const { path, method, op } of operations) {
    for (const p of op.parameters ?? []) t.not(p.example ?? p.schema?.example, undefined, `${method} ${path}: ${p.in} ${p.name}`)
    if (method !== 'get' || (op.parameters ?? []).length === 0) continue
    const res = await app.inject({ method: 'GET', url: await urlFor(path, op.parameters ?? []), headers: CREDENTIALS })
    // An example token names no live session (404), but nothing is refused as malformed.
    t.notOk([400, 422].includes(res.statusCode), `GET ${path} with the examples: ${res.statusCode}`)
  }
})

t.test('Try it out on the create endpoint starts from the README\'s first session', async t => {
  const create = doc.paths['/api/ekyc/verifications'].post
  const [first] = examplesOf(create.requestBody?.content['application/json'] ?? {})
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const readmeBody = /-d '(\{"type":[^']+\})'/.exec(readme)?.[1]
  t.strictSame(first, JSON.parse(readmeBody ?? 'null'))
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'my-shop', client_secret: 'sk_test_my_shop' }, payload: first as object })
  t.equal(res.statusCode, 200)
  t.matchStrict(res.json(), { status: 200, result: { url: /^http:\/\/localhost:3939\/verifications\?token=[0-9A-Z]{30}$/ } })
})

import t from 'tap'
import Fastify from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { lazySchemaCompilers } from '../src/schema-compilers.js'

// One route with a body schema and a response schema, on Fastify's eager compilers and on ours:
// every answer must be the same, byte for byte.
function server (lazy: boolean) {
  const app = Fastify({
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false } },
    ...(lazy ? { schemaController: { compilersFactory: lazySchemaCompilers } } : {})
  })
  app.post('/thing', {
    schema: {
      headers: { type: 'object', required: ['X-Thing-Key'], properties: { 'X-Thing-Key': { type: 'string' } } },
      body: { type: 'object', required: ['name', 'count'], properties: { name: { type: 'string', minLength: 2 }, count: { type: 'integer' } } },
      response: {
        200: { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' } } },
        418: { type: 'object', properties: { teapot: { type: 'boolean' } } }
      }
    }
  }, async (request, reply) => {
    const body = request.body as { name: string, count: number }
    if (body.name === 'tea') return reply.code(418).send({ teapot: true, secret: 'dropped' })
    return { ...body, secret: 'dropped by the serializer' }
  })
  return app
}

const bodies = [
  { name: 'widget', count: 3 },
  { name: 'tea', count: 1 },
  { name: 'x', count: 'many' },
  { count: 1 },
  'not an object',
  null
]

t.test('lazy compilers validate and serialise exactly as Fastify\'s eager ones', async t => {
  const eager = server(false)
  const lazy = server(true)
  t.teardown(async () => { await eager.close(); await lazy.close() })
  for (const app of [eager, lazy]) await app.ready()
  for (const body of bodies) {
    const [a, b] = await Promise.all([eager, lazy].map(app => app.inject({ method: 'POST', url: '/thing', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-thing-key': 'k' } })))
    t.equal(b.statusCode, a.statusCode, `status for ${JSON.stringify(body)}`)
    t.equal(b.body, a.body, `bytes for ${JSON.stringify(body)}`)
  }
  const noKey = await lazy.inject({ method: 'POST', url: '/thing', payload: { name: 'ok', count: 2 } })
  t.matchStrict(noKey.json(), { statusCode: 400, message: "headers must have required property 'x-thing-key'" }, 'header schemas are matched case-insensitively, as Fastify does')
  const valid = await lazy.inject({ method: 'POST', url: '/thing', payload: { name: 'ok', count: 2 }, headers: { 'X-Thing-Key': 'k' } })
  t.strictSame(valid.json(), { name: 'ok', count: 2 })
})

t.test('every schema of the sandbox compiles: the app starts with all of them compiled eagerly', async t => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { lazySchemas: false })
  t.teardown(() => app.close())
  await t.resolves(async () => { await app.ready() })
})

t.test('why that test is needed: a broken response schema stops an eager start, a lazy one only on first use', async t => {
  const broken = (lazy: boolean) => {
    const app = Fastify(lazy ? { schemaController: { compilersFactory: lazySchemaCompilers } } : {})
    app.get('/', { schema: { response: { 200: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } } } }, async () => ({ a: 1 }))
    t.teardown(() => app.close())
    return app
  }
  const eager = broken(false)
  await t.rejects(async () => { await eager.ready() }, { code: 'FST_ERR_SCH_SERIALIZATION_BUILD' })
  const lazy = broken(true)
  await t.resolves(async () => { await lazy.ready() })
  t.equal((await lazy.inject({ url: '/' })).statusCode, 500)
})

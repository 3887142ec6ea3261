import t from 'tap'
import Fastify from 'fastify'
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
    const [a, b] = await Promise.all([eager, lazy].map(app => app.inject({ method: 'POST', url: '/thing', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } })))
    t.equal(b.statusCode, a.statusCode, `status for ${JSON.stringify(body)}`)
    t.equal(b.body, a.body, `bytes for ${JSON.stringify(body)}`)
  }
  // The same validator answers a second, different call with its own errors, not the first call's.
  const second = await lazy.inject({ method: 'POST', url: '/thing', payload: { name: 'ok' } })
  t.match(second.json(), { statusCode: 400, message: "body must have required property 'count'" })
  const valid = await lazy.inject({ method: 'POST', url: '/thing', payload: { name: 'ok', count: 2 } })
  t.same(valid.json(), { name: 'ok', count: 2 })
})

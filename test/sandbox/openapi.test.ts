import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { buildTestApp } from '../helpers/app.js'

const OPERATIONS = [
  'GET /_sandbox/scenarios', 'GET /_sandbox/scenarios/{name}',
  'GET /_sandbox/verifications', 'GET /_sandbox/verifications/{token}',
  'POST /_sandbox/verifications/{token}/complete', 'POST /_sandbox/verifications/{token}/expire',
  'POST /_sandbox/arm', 'GET /_sandbox/arm', 'DELETE /_sandbox/arm', 'GET /_sandbox/clock', 'POST /_sandbox/clock',
  'POST /_sandbox/faults', 'GET /_sandbox/faults', 'DELETE /_sandbox/faults',
  'GET /_sandbox/requests', 'DELETE /_sandbox/state'
]

t.test('every control-plane route is in the OpenAPI document under its own tag, guarded, with request and response schemas', async t => {
  const { app } = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/documentation/json' })).json()
  await t.resolves(SwaggerParser.validate(structuredClone(doc)), 'valid OpenAPI 3')

  const found: string[] = []
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    if (!path.startsWith('/_sandbox')) continue
    for (const [method, op] of Object.entries(item)) found.push(`${method.toUpperCase()} ${path}`)
  }
  t.strictSame(found.sort(), [...OPERATIONS].sort())

  for (const name of OPERATIONS) {
    const [method, path] = name.split(' ')
    const op = doc.paths[path][method.toLowerCase()]
    t.strictSame(op.tags, ['Sandbox control plane'], name)
    t.strictSame(op.security, [{ sandboxAdmin: [] }], name)
    t.type(op.summary, 'string', name)
    const ok = op.responses['200'].content['application/json'].schema
    t.strictSame(ok.required, ['status', 'result'], `${name} answers {status, result}`)
    t.strictSame(op.responses['401'].content['application/json'].schema.required, ['status', 'message'], `${name} documents the guard's 401`)
  }
  const bodies = ['POST /_sandbox/verifications/{token}/complete', 'POST /_sandbox/arm', 'POST /_sandbox/clock', 'POST /_sandbox/faults']
  for (const name of bodies) {
    const [method, path] = name.split(' ')
    t.type(doc.paths[path][method.toLowerCase()].requestBody.content['application/json'].schema.properties, 'object', `${name} has a body schema`)
  }
  const fault = doc.paths['/_sandbox/faults'].post.requestBody.content['application/json'].schema
  t.strictSame(fault.required, ['route'])
  t.strictSame(fault.properties.route.enum, ['create', 'get', 'page'])
})

t.test('the control plane\'s documentation has no empty description, and each DELETE says what its counts count', async t => {
  const { app } = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/documentation/json' })).json()
  const described = (schema: { description?: unknown }): boolean => typeof schema.description === 'string' && schema.description.trim() !== ''

  const empty: string[] = []
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}/${i}`))
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        // Under `properties` a key is a field's name (a scenario has a field called description).
        const isField = where.endsWith('/properties')
        if (!isField && key === 'description' && (typeof value !== 'string' || value.trim() === '')) empty.push(where)
        walk(value, `${where}/${key}`)
      }
    }
  }
  const sandboxPaths = Object.keys(doc.paths).filter(path => path.startsWith('/_sandbox'))
  for (const path of sandboxPaths) walk(doc.paths[path], path)
  t.strictSame(empty, [], 'every description says something')

  const deletes = sandboxPaths.filter(path => doc.paths[path].delete !== undefined)
  t.ok(deletes.length > 0)
  for (const path of deletes) {
    const result = doc.paths[path].delete.responses['200'].content['application/json'].schema.properties.result
    for (const [name, count] of Object.entries(result.properties as Record<string, { type: string, description?: string }>)) {
      t.equal(count.type, 'integer', `DELETE ${path} answers a count: ${name}`)
      t.ok(described(count) || described(result), `DELETE ${path}: what ${name} counts is described`)
    }
  }
})

import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { buildTestApp, RECORD_KEYS } from './helpers/app.js'

t.test('the OpenAPI document validates and describes both endpoints with their errors', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/documentation/json' })
  t.equal(res.statusCode, 200)
  const doc = res.json()
  await t.resolves(SwaggerParser.validate(structuredClone(doc)), 'valid OpenAPI 3')
  t.equal(doc.openapi, '3.0.3')

  const create = doc.paths['/api/ekyc/verifications'].post
  t.strictSame(create.tags, ['eKYC API'])
  t.strictSame(create.security, [{ clientId: [], clientSecret: [] }])
  t.strictSame(Object.keys(create.responses).sort(), ['200', '400', '401', '413', '415', '422', '429', '500', '503'])
  t.strictSame(create.requestBody.content['application/json'].schema.required, ['type', 'id_country', 'id_type', 'redirect_url'])
  t.strictSame(create.responses['422'].content['application/json'].schema.required, ['status', 'message'])

  const get = doc.paths['/api/ekyc/verifications/{token}'].get
  t.strictSame(Object.keys(get.responses).sort(), ['200', '401', '404', '429', '500', '503'])
  const record = get.responses['200'].content['application/json'].schema.properties.result
  t.strictSame(Object.keys(record.properties), RECORD_KEYS, 'the 24 fields in the real order')
  t.strictSame(record.required, RECORD_KEYS, 'all required, in the same order')

  const ui = await app.inject({ method: 'GET', url: '/documentation/' })
  t.equal(ui.statusCode, 200)
  t.matchStrict(ui.body, /swagger/i, 'Swagger UI is served')
})

t.test('the document\'s info, server, tags and security schemes are the sandbox\'s own', async t => {
  const { app } = await buildTestApp(t, { PUBLIC_URL: 'https://sandbox.example' })
  const doc = (await app.inject({ method: 'GET', url: '/documentation/json' })).json()
  t.strictSame(doc.info, {
    title: 'MasChain eKYC sandbox',
    description: 'An offline stand-in for the MasChain eKYC API. The `eKYC API` tag is emulated byte for byte; everything under `/_sandbox` is sandbox-only.',
    version: '0.1.0'
  })
  t.strictSame(doc.servers, [{ url: 'https://sandbox.example' }])
  t.strictSame(doc.tags, [
    { name: 'eKYC API', description: 'The emulated MasChain endpoints' },
    { name: 'Hosted page', description: 'The hosted verification page the user is sent to' },
    { name: 'Sandbox control plane', description: 'Sandbox only: steer sessions, the clock, faults (guarded by X-Sandbox-Admin-Token when SANDBOX_ADMIN_TOKEN is set)' },
    { name: 'Health', description: 'Liveness for container health checks' }
  ])
  t.strictSame(doc.components.securitySchemes, {
    clientId: { type: 'apiKey', in: 'header', name: 'client_id' },
    clientSecret: { type: 'apiKey', in: 'header', name: 'client_secret' },
    sandboxAdmin: { type: 'apiKey', in: 'header', name: 'X-Sandbox-Admin-Token' }
  })
})

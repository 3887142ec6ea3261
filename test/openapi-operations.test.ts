// The OpenAPI document is the API's reference a merchant reads in Swagger UI (/documentation): every
// operation with its tag, who may call it, its parameters, body types, answers and words. Pinned here
// as a table, so a route that loses a documented answer, its security or its summary fails here and
// a change to the docs is made on purpose. (Bodies and records are checked by openapi.test.ts and
// openapi-examples.test.ts.)
import t from 'tap'
import { buildTestApp } from './helpers/app.js'

interface Operation {
  tags?: string[]
  summary?: string
  description?: string
  security?: unknown
  parameters?: Array<{ in: string, name: string, required?: boolean }>
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, unknown>
}

const TAGS = { health: 'Health', api: 'eKYC API', hosted: 'Hosted page', sandbox: 'Sandbox control plane' }
const SECURITY = { none: undefined, merchant: [{ clientId: [], clientSecret: [] }], admin: [{ sandboxAdmin: [] }] }

/** Every operation in the document's order; a parameter `in:name`, `?` when optional; the answers' status codes. */
const OPERATIONS: Array<{
  op: string, tag: keyof typeof TAGS, security: keyof typeof SECURITY, params: string[], body: string[], responses: string, summary: string, description?: string
}> = [
  {
    op: 'GET /health', tag: 'health', security: 'none', params: [], body: [], responses: '200 503',
    summary: 'Readiness: the process answers and its state (memory, or Redis) can be read and written',
    description: 'With REDIS_URL, 503 while Redis cannot be reached; it answers 200 again once Redis is back, without a restart.'
  },
  {
    op: 'POST /api/ekyc/verifications', tag: 'api', security: 'merchant', params: [], body: ['application/json'], responses: '200 400 401 413 415 422 429 500 503',
    summary: 'Create a hosted verification session'
  },
  {
    op: 'GET /api/ekyc/verifications/{token}', tag: 'api', security: 'merchant', params: ['path:token'], body: [], responses: '200 401 404 429 500 503',
    summary: 'Read a verification record'
  },
  {
    op: 'GET /verifications', tag: 'hosted', security: 'none', params: ['query:token', 'query:scenario?'], body: [], responses: '200 303 404 409 422',
    summary: 'The hosted verification page',
    description: 'HTML. With `scenario=NAME` (sandbox only) the scenario is applied and the answer is a 303 to `redirect_url` with `is_success` added, so no browser is needed. An armed session is finished as soon as its page is opened.'
  },
  {
    op: 'POST /verifications', tag: 'hosted', security: 'none', params: [], body: ['application/x-www-form-urlencoded'], responses: '303 404 413 422',
    summary: 'A button of the hosted page (form post, ?token=... in the URL)',
    description: 'Answers 303: to the page again while attempts remain, else to `redirect_url` with `is_success` added.'
  },
  {
    op: 'GET /_sandbox/scenarios', tag: 'sandbox', security: 'admin', params: [], body: [], responses: '200 401 422',
    summary: 'The scenario catalogue, grouped as the page shows it'
  },
  {
    op: 'GET /_sandbox/scenarios/{name}', tag: 'sandbox', security: 'admin', params: ['path:name'], body: [], responses: '200 401 404 422',
    summary: 'One scenario of the catalogue'
  },
  {
    op: 'GET /_sandbox/verifications', tag: 'sandbox', security: 'admin', params: ['query:client_id?', 'query:limit?'], body: [], responses: '200 401 422',
    summary: 'Sessions, newest first (optionally one client\'s), at most `limit`'
  },
  {
    op: 'GET /_sandbox/verifications/{token}', tag: 'sandbox', security: 'admin', params: ['path:token'], body: [], responses: '200 401 404 422',
    summary: 'One session, whatever its client'
  },
  {
    op: 'POST /_sandbox/verifications/{token}/complete', tag: 'sandbox', security: 'admin', params: ['path:token'], body: ['application/json'], responses: '200 401 404 409 422',
    summary: 'Finish a session without the page: a catalogue scenario or an inline one',
    description: 'Plays the scenario on an untouched session and finishes it, as a preset button on the page does. A finished session answers 409, an expired one 409. A scenario that does not fit the session is a 422 naming why, and nothing is applied: one for the other document kind or type, a code the session\'s OCR engine never returns, or failing face attempts on a type 01 session (no face step).'
  },
  {
    op: 'POST /_sandbox/verifications/{token}/expire', tag: 'sandbox', security: 'admin', params: ['path:token'], body: [], responses: '200 401 404 422',
    summary: 'Let the link expire now',
    description: 'Sets expire_at and updated_at to the sandbox clock\'s now; nothing else changes. A link already expired is left as it is.'
  },
  {
    op: 'POST /_sandbox/arm', tag: 'sandbox', security: 'admin', params: [], body: ['application/json'], responses: '200 401 422',
    summary: 'Arm the next sessions (optionally one client\'s) with a scenario',
    description: 'The next `count` sessions created (by `client_id`, or by anyone) carry the scenario and finish as soon as their page is opened (303 at once). An X-Sandbox-Scenario header on the create request wins over an arm; an arm wins over DEFAULT_SCENARIO. Arms are used oldest first, each by the next session it fits (document kind, type, a face step when its face attempts fail): other sessions pass it by, unarmed.'
  },
  {
    op: 'GET /_sandbox/arm', tag: 'sandbox', security: 'admin', params: [], body: [], responses: '200 401 422',
    summary: 'The arms still waiting, in the order they will be used'
  },
  {
    op: 'DELETE /_sandbox/arm', tag: 'sandbox', security: 'admin', params: ['query:client_id?'], body: [], responses: '200 401 422',
    summary: 'Cancel waiting arms (optionally only those scoped to one client)',
    description: 'With client_id: only the arms for that client; arms for any client stay. Sessions already armed keep their scenario.'
  },
  {
    op: 'GET /_sandbox/clock', tag: 'sandbox', security: 'admin', params: [], body: [], responses: '200 401 422',
    summary: 'The sandbox clock behind created_at, updated_at, expire_at, retention and the page\'s countdown'
  },
  {
    op: 'POST /_sandbox/clock', tag: 'sandbox', security: 'admin', params: [], body: ['application/json'], responses: '200 401 422',
    summary: 'Move the sandbox clock: {"advance_seconds": n}, {"set": iso} or {"reset": true}',
    description: 'One clock for everything: moving it expires links and prunes personal data as real time would. advance_seconds may be negative. The rate limit keeps real time.'
  },
  {
    op: 'POST /_sandbox/faults', tag: 'sandbox', security: 'admin', params: [], body: ['application/json'], responses: '200 401 422',
    summary: 'Make the next matching emulated calls fail or wait',
    description: 'The next `count` calls to the route answer `status` (401, 404, 422, 429, 500, 503) in the real envelope, after `latency_ms` if given; with latency_ms alone they are only delayed. A fault for any caller acts before authentication; one with client_id acts only on calls authenticated as that client. On the page the error is rendered as the page renders errors. Faults are used oldest first.'
  },
  {
    op: 'GET /_sandbox/faults', tag: 'sandbox', security: 'admin', params: [], body: [], responses: '200 401 422',
    summary: 'The faults still waiting, oldest first'
  },
  {
    op: 'DELETE /_sandbox/faults', tag: 'sandbox', security: 'admin', params: ['query:client_id?'], body: [], responses: '200 401 422',
    summary: 'Forget waiting faults (optionally only one client\'s)'
  },
  {
    op: 'GET /_sandbox/requests', tag: 'sandbox', security: 'admin', params: ['query:client_id?', 'query:limit?'], body: [], responses: '200 401 422',
    summary: 'The journal: recent API and page calls, newest first (the last 200)',
    description: '`time` is the sandbox clock when the call arrived; `client_id` is the header as sent; `token` is the session the call was about (for a create, the one it returned).'
  },
  {
    op: 'DELETE /_sandbox/state', tag: 'sandbox', security: 'admin', params: ['query:client_id?'], body: [], responses: '200 401 422',
    summary: 'Forget sessions, arms, faults, the journal and bound secrets (optionally only one client\'s)',
    description: 'With client_id: that client\'s sessions, the arms and faults scoped to it, its journal entries and (open mode) the secret bound to it; arms and faults for any client stay. The clock is not touched (POST /_sandbox/clock {"reset": true}).'
  }
]

t.test('the OpenAPI document lists every operation with its tag, security, parameters, body, answers and words', async t => {
  const { app } = await buildTestApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/documentation/json' })).json() as { paths: Record<string, Record<string, Operation>> }
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })))
  t.strictSame(operations.map(o => o.name), OPERATIONS.map(o => o.op), 'the operations, in order')
  for (const [i, { name, op }] of operations.entries()) {
    const want = OPERATIONS[i]
    if (want === undefined) continue
    t.strictSame({
      tags: op.tags,
      security: op.security,
      params: (op.parameters ?? []).map(p => `${p.in}:${p.name}${p.required === true ? '' : '?'}`),
      body: Object.keys(op.requestBody?.content ?? {}),
      responses: Object.keys(op.responses).join(' '),
      summary: op.summary,
      description: op.description
    }, {
      tags: [TAGS[want.tag]],
      security: SECURITY[want.security],
      params: want.params,
      body: want.body,
      responses: want.responses,
      summary: want.summary,
      description: want.description
    }, name)
  }
})

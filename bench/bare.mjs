// The baseline: a bare Fastify 5 answering the sandbox's routes with static bodies of the same bytes
// (BARE_BODIES_FILE: JSON {create, record, page} captured from the real server by run.mjs).
// No auth, no schemas, no state: what the framework costs on this machine with these payloads.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const bodies = process.env.BARE_BODIES_FILE
  ? JSON.parse(readFileSync(process.env.BARE_BODIES_FILE, 'utf8'))
  : { create: '{"status":200}', record: '{"status":200}', page: '<!doctype html>', redirect: 'https://merchant.example/ekyc/return?order=42&is_success=1' }

// BARE_WORK_US (0): microseconds of busy work added to every answer, for bench/headroom.mjs: what a
// server doing that much more than bare Fastify per request scores under the same client.
const WORK_MS = Number(process.env.BARE_WORK_US ?? 0) / 1000
function work () {
  const until = performance.now() + WORK_MS
  while (performance.now() < until);
}

const app = Fastify({ logger: false })
app.get('/health', async () => ({ status: 'ok', sessions: 0 }))
app.post('/api/ekyc/verifications', (request, reply) => {
  if (WORK_MS > 0) work()
  reply.type('application/json; charset=utf-8').send(bodies.create)
})
app.get('/api/ekyc/verifications/:token', (request, reply) => {
  if (WORK_MS > 0) work()
  reply.type('application/json; charset=utf-8').send(bodies.record)
})
// The page; with ?scenario= it answers 303 like the sandbox's no-browser flow.
app.get('/verifications', (request, reply) => {
  if (WORK_MS > 0) work()
  if (request.query.scenario !== undefined) return reply.redirect(bodies.redirect, 303)
  reply.type('text/html; charset=utf-8').send(bodies.page)
})

const port = Number(process.env.PORT ?? 0)
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' })
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
}

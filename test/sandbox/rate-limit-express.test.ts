import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { rateLimit } from 'express-rate-limit'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'

// Production's 429 is most likely express-rate-limit's default answer. This test runs the real
// library, with its defaults, on a real Express server and compares its answers with the sandbox's,
// both over real HTTP on 127.0.0.1.
//
// Left out of the comparison, on purpose:
// - Date: the time of each answer (both send one);
// - Connection / Keep-Alive: Node's, the same on both, not the limiter's;
// - X-Powered-By: Express's app-wide banner, not the limiter's; whether MasChain switches it off
//   (helmet does) is unknown and no client branches on it, so the sandbox does not claim it.
// X-RateLimit-Reset (a Unix time) and Retry-After (seconds left) depend on when each window
// started: both must be whole seconds and agree within one second. Header names are compared
// case-insensitively, as HTTP defines them (Node writes Fastify's in lower case).

const LIMIT = 3
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'x-powered-by'])
const TIMING = new Set(['x-ratelimit-reset', 'retry-after'])

interface Answer { status: number, statusText: string, body: Buffer, headers: Record<string, string> }

async function call (url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init)
  const headers: Record<string, string> = {}
  res.headers.forEach((value, name) => { if (!IGNORED.has(name)) headers[name] = value })
  return { status: res.status, statusText: res.statusText, body: Buffer.from(await res.arrayBuffer()), headers }
}

async function expressServer (t: Test): Promise<string> {
  const app = express()
  app.use(rateLimit({ limit: LIMIT })) // every other option at its default
  app.get('/', (_req, res) => { res.json({ status: 200 }) })
  const server: Server = await new Promise(resolve => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

async function sandbox (t: Test, env: Record<string, string>): Promise<string> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', ...env }))
  t.teardown(() => app.close())
  await app.listen({ host: '127.0.0.1', port: 0 })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

/** The GET URL of a fresh session; creating it is the sandbox's first counted call. */
async function getUrl (base: string): Promise<string> {
  const created = await fetch(`${base}/api/ekyc/verifications`, { method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY) })
  const token = ((await created.json()) as { result: { token: string } }).result.token
  return `${base}/api/ekyc/verifications/${token}`
}

function sameAnswer (t: Test, sandboxAnswer: Answer, expressAnswer: Answer, label: string): void {
  t.equal(sandboxAnswer.status, expressAnswer.status, `${label}: status`)
  t.equal(sandboxAnswer.statusText, expressAnswer.statusText, `${label}: status text`)
  t.strictSame(Object.keys(sandboxAnswer.headers).sort(), Object.keys(expressAnswer.headers).sort(), `${label}: the same headers`)
  for (const [name, value] of Object.entries(expressAnswer.headers)) {
    if (TIMING.has(name)) {
      t.matchStrict(sandboxAnswer.headers[name], /^\d+$/, `${label}: ${name} in whole seconds`)
      t.ok(Math.abs(Number(sandboxAnswer.headers[name]) - Number(value)) <= 1, `${label}: ${name} ${sandboxAnswer.headers[name]} vs ${value}`)
    } else {
      t.equal(sandboxAnswer.headers[name], value, `${label}: ${name}`)
    }
  }
}

t.test('over RATE_LIMIT_PER_MINUTE the sandbox answers exactly as express-rate-limit\'s default handler', async t => {
  const expressUrl = await expressServer(t)
  const base = await sandbox(t, { RATE_LIMIT_PER_MINUTE: String(LIMIT) })
  const url = await getUrl(base)
  await call(expressUrl) // as many calls on each side as the sandbox's create
  const get = { headers: CREDENTIALS }
  const expressFirst = await call(expressUrl)
  const sandboxFirst = await call(url, get)
  t.equal(sandboxFirst.status, 200)
  for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining']) t.equal(sandboxFirst.headers[name], expressFirst.headers[name], `under the limit: ${name}`)
  t.ok(Math.abs(Number(sandboxFirst.headers['x-ratelimit-reset']) - Number(expressFirst.headers['x-ratelimit-reset'])) <= 1, 'under the limit: x-ratelimit-reset is a Unix time')

  await call(expressUrl)
  await call(url, get)
  const expressOver = await call(expressUrl)
  const sandboxOver = await call(url, get)
  t.equal(expressOver.status, 429, 'the real library limits')
  t.equal(expressOver.body.toString(), 'Too many requests, please try again later.')
  t.strictSame(sandboxOver.body, expressOver.body, 'the body, byte for byte: the text, not JSON')
  t.equal(sandboxOver.headers['content-type'], 'text/html; charset=utf-8')
  sameAnswer(t, sandboxOver, expressOver, 'rate limit')
  await t.rejects(fetch(url, get).then(async r => r.json()), SyntaxError, 'res.json() on the 429 fails, as in production')
})

t.test('an injected 429 fault is the same answer', async t => {
  const expressUrl = await expressServer(t)
  const base = await sandbox(t, { RATE_LIMIT_PER_MINUTE: String(LIMIT) })
  await fetch(`${base}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'create', status: 429 }) })
  // The fault reports a fresh window: the library's window starts just before it.
  for (let i = 0; i < LIMIT; i++) await call(expressUrl)
  const expressOver = await call(expressUrl)
  const faulted = await call(`${base}/api/ekyc/verifications`, { method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY) })
  t.strictSame(faulted.body, expressOver.body)
  sameAnswer(t, faulted, expressOver, 'fault')
  t.equal(faulted.headers['retry-after'], '60', 'a fresh window')

  const off = await sandbox(t, {})
  await fetch(`${off}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'get', status: 429 }) })
  const unlimited = await call(`${off}/api/ekyc/verifications/ANY`, { headers: CREDENTIALS })
  t.equal(unlimited.status, 429)
  t.equal(unlimited.headers['x-ratelimit-limit'], '400', 'with no RATE_LIMIT_PER_MINUTE, production\'s documented 400 a minute')
  t.strictSame(Object.keys(unlimited.headers).sort(), Object.keys(expressOver.headers).sort())
})

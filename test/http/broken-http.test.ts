// Broken and slow HTTP, over raw sockets: every answer in the envelope, then the connection closed.
import t, { type Test } from 'tap'
import type { AddressInfo } from 'node:net'
import { buildApp, httpTimeouts } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { open, raw, type RawAnswer } from './raw.js'

async function listening (t: Test, env: Record<string, string> = {}) {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', REQUEST_TIMEOUT_SECONDS: '1', ...env }))
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, port: (app.server.address() as AddressInfo).port }
}

function isEnvelope (t: Test, answer: RawAnswer, status: number, message: string): void {
  t.equal(answer.status, status, `status ${status}`)
  t.equal(answer.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(answer.headers.connection, 'close')
  t.equal(Number(answer.headers['content-length']), Buffer.byteLength(answer.body))
  t.strictSame(JSON.parse(answer.body), { status, message })
}

const CREATE_HEAD = 'POST /api/ekyc/verifications HTTP/1.1\r\nHost: x\r\nclient_id: a\r\nclient_secret: b\r\nContent-Type: application/json\r\n'

t.test('a malformed request line is a 400 in the envelope naming the parser\'s complaint', async t => {
  const { port } = await listening(t)
  isEnvelope(t, await raw(port, 'GARBAGE\r\n\r\n'), 400, 'Malformed HTTP request (HPE_INVALID_METHOD).')
  isEnvelope(t, await raw(port, 'GET / HTTP/9.9\r\n\r\n'), 400, 'Malformed HTTP request (HPE_INVALID_VERSION).')
  isEnvelope(t, await raw(port, 'GET /health HTTP/1.1\r\nHost x\r\n\r\n'), 400, 'Malformed HTTP request (HPE_INVALID_HEADER_TOKEN).')
})

t.test('headers over the size limit are a 431 in the envelope', async t => {
  const { port } = await listening(t)
  isEnvelope(t, await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'Request header fields too large.')
})

t.test('a request that stalls is a 408 in the envelope after REQUEST_TIMEOUT_SECONDS, and nothing is applied', async t => {
  const { app, port } = await listening(t)
  const timeout = 'Request timeout: the request did not arrive in full within 1 s.'
  const cases: Record<string, string[]> = {
    'nothing at all': [],
    'half the headers': ['GET /health HTTP/1.1\r\nHost: x\r\n'],
    'headers, then part of the body': [`${CREATE_HEAD}Content-Length: 100\r\n\r\n{"type":`],
    'a body sent a byte at a time, then stalled': [`${CREATE_HEAD}Content-Length: 200\r\n\r\n{`, '"', 't']
  }
  for (const [name, chunks] of Object.entries(cases)) {
    const answer = await raw(port, ...chunks)
    isEnvelope(t, answer, 408, timeout)
    t.ok(answer.closedAfterMs >= 500 && answer.closedAfterMs < 5000, `${name}: closed by the timeout (${answer.closedAfterMs} ms)`)
  }
  t.equal(await app.store.size(), 0, 'no stalled create made a session')
})

t.test('the default timeout answers a stalled request within 10 s', async t => {
  const config = loadConfig({})
  t.equal(config.requestTimeoutSeconds, 10)
  const { checkMs, timeoutMs } = httpTimeouts(config.requestTimeoutSeconds)
  t.ok(timeoutMs + checkMs <= 10_000, 'the timeout plus Node\'s check interval fit in 10 s')
})

t.test('hundreds of slow sockets do not stop the sandbox answering others', async t => {
  const { port } = await listening(t, { REQUEST_TIMEOUT_SECONDS: '30' })
  const slow = await Promise.all(Array.from({ length: 300 }, async () => {
    const socket = await open(port)
    socket.on('error', () => {})
    socket.write('POST /api/ekyc/verifications HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{')
    return socket
  }))
  t.teardown(() => { for (const s of slow) s.destroy() })
  const res = await fetch(`http://127.0.0.1:${port}/health`)
  t.equal(res.status, 200)
})

t.test('MAX_CONNECTIONS: past the cap a new connection is closed unanswered, and answered again once slow ones time out', async t => {
  const { port } = await listening(t, { MAX_CONNECTIONS: '5', REQUEST_TIMEOUT_SECONDS: '3' })
  const slow = await Promise.all(Array.from({ length: 5 }, async () => {
    const socket = await open(port)
    socket.on('error', () => {})
    socket.resume() // reads what the server sends, so its close is seen
    const closed = new Promise(resolve => socket.once('close', resolve))
    socket.write('GET /health HTTP/1.1\r\n')
    return { socket, closed }
  }))
  t.teardown(() => { for (const s of slow) s.socket.destroy() })
  const health = 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
  const refused = await raw(port, health)
  t.equal(refused.text, '', 'the sixth connection is closed without an answer')
  await Promise.all(slow.map(s => s.closed))
  t.equal((await raw(port, health)).status, 200, 'once the slow ones got their 408, others are answered')
})

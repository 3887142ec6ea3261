// SIGTERM with keep-alive connections and a request in flight: answered, then a fast exit 0.
import { connect, type Socket } from 'node:net'
import t, { type Test } from 'tap'
import { parseAnswer } from '../http/raw.js'
import { CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { assertBuilt, freePort, runCli, waitForHealth } from './helpers.js'

assertBuilt()

/** A keep-alive connection: `send` writes one request and resolves with its raw answer. */
async function keepAlive (port: number) {
  const socket: Socket = connect(port, '127.0.0.1')
  await new Promise(resolve => socket.once('connect', resolve))
  socket.setEncoding('latin1')
  let text = ''
  socket.on('data', (chunk: string) => { text += chunk })
  const closed = new Promise<void>(resolve => socket.once('close', () => resolve()))
  return {
    socket,
    closed,
    text: () => text,
    send: async (path: string) => {
      text = ''
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nclient_id: ${CREDENTIALS.client_id}\r\nclient_secret: ${CREDENTIALS.client_secret}\r\n\r\n`)
      // Every answer here has a Content-Length: complete once the body is all in.
      for (;;) {
        const { headers, body } = parseAnswer(text)
        if (headers['content-length'] !== undefined && Buffer.byteLength(body) >= Number(headers['content-length'])) return parseAnswer(text)
        await new Promise(resolve => socket.once('data', resolve))
      }
    }
  }
}

async function startWithSession (t: Test, env: Record<string, string>) {
  const port = await freePort()
  const run = runCli(['--port', String(port)], { LOG_LEVEL: 'info', ...env })
  t.teardown(() => { run.child.kill('SIGKILL') })
  const base = `http://127.0.0.1:${port}`
  await waitForHealth(`${base}/health`, run)
  const created = await fetch(`${base}/api/ekyc/verifications`, {
    method: 'POST', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, body: JSON.stringify(VALID_BODY)
  })
  const { result } = await created.json() as { result: { token: string } }
  return { port, base, run, token: result.token }
}

async function delayNextGet (base: string, ms: number): Promise<void> {
  const res = await fetch(`${base}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'get', latency_ms: ms }) })
  if (res.status !== 200) throw new Error(`fault: ${res.status}`)
}

t.test('SIGTERM: the request in flight is answered with Connection: close, idle connections close at once, exit 0', async t => {
  const { port, base, run, token } = await startWithSession(t, {})
  const idle = await keepAlive(port)
  t.equal((await idle.send('/health')).status, 200, 'an idle keep-alive connection')
  const busy = await keepAlive(port)
  t.equal((await busy.send('/health')).status, 200)

  await delayNextGet(base, 1500)
  const inFlight = busy.send(`/api/ekyc/verifications/${token}`)
  await new Promise(resolve => setTimeout(resolve, 300))
  const killedAt = Date.now()
  run.child.kill('SIGTERM')

  await idle.closed
  t.pass('the idle keep-alive connection was closed')
  const answer = await inFlight
  t.equal(answer.status, 200, 'the delayed request was answered')
  t.equal(answer.headers.connection, 'close')
  t.equal(JSON.parse(answer.body).result.token, token)
  await busy.closed

  const { code, signal } = await run.exited
  const took = Date.now() - killedAt
  t.strictSame({ code, signal }, { code: 0, signal: null }, 'exit code 0')
  t.ok(took < 3000, `exited within 3 s of SIGTERM (took ${took} ms)`)
  const { stdout } = run.output()
  t.matchStrict(stdout, /closing: no new connections; requests in flight finish first/)
  t.matchStrict(stdout, /closed: every request answered; exiting with code 0/)
})

t.test('SIGTERM: a request still running after SHUTDOWN_GRACE_SECONDS is cut off, exit 1, and the log says so', async t => {
  const { port, base, run, token } = await startWithSession(t, { SHUTDOWN_GRACE_SECONDS: '1' })
  const busy = await keepAlive(port)
  busy.socket.on('error', () => {})
  await delayNextGet(base, 20_000)
  void busy.send(`/api/ekyc/verifications/${token}`).catch(() => {})
  await new Promise(resolve => setTimeout(resolve, 300))
  run.child.kill('SIGTERM')
  const { code } = await run.exited
  t.equal(code, 1, 'exit code 1')
  t.matchStrict(run.output().stdout, /requests still running after the 1 s grace period \(SHUTDOWN_GRACE_SECONDS\) were cut off; exiting with code 1/)
  t.equal(busy.text(), '', 'the cut-off request got no answer')
})

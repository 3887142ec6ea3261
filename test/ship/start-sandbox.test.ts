// Written as a merchant's own test suite would use the package: start it, point the code under
// test at `url`, steer outcomes through the handle, read results through the real API.
import t from 'tap'
// A merchant writes `from 'maschain-ekyc-sandbox'`; the source is imported here so the suite runs without a build
// (test/ship/package.test.ts checks that the package name resolves to the build).
import { startSandbox, SandboxControlError, type GetVerificationResult, type CreateVerificationResult } from '../../src/index.js'
import { assertRecordTypes } from '../helpers/record-shape.js'

const CREDENTIALS = { client_id: 'shop-42', client_secret: 'sk_test_shop' }
const RETURN_URL = 'https://shop.example/ekyc/return?order=42'

async function createSession (apiUrl: string, headers: Record<string, string> = CREDENTIALS) {
  const res = await fetch(`${apiUrl}/api/ekyc/verifications`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: RETURN_URL })
  })
  if (res.status !== 200) throw new Error(`create answered ${res.status}: ${await res.text()}`)
  return (await res.json() as CreateVerificationResult).result
}

async function getRecord (apiUrl: string, token: string) {
  const res = await fetch(`${apiUrl}/api/ekyc/verifications/${token}`, { headers: CREDENTIALS })
  if (res.status !== 200) throw new Error(`get answered ${res.status}: ${await res.text()}`)
  const { result } = await res.json() as GetVerificationResult
  assertRecordTypes(result as unknown as Record<string, unknown>, `GET ${token}`)
  return result
}

t.test('starts on a free port of 127.0.0.1 and result.url points at it', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  t.matchStrict(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  t.not(sandbox.port, 0)
  t.equal(sandbox.publicUrl, sandbox.url)
  const { url, token } = await createSession(sandbox.url)
  t.equal(url, `${sandbox.url}/verifications?token=${token}`)
  const page = await fetch(url)
  t.equal(page.status, 200, 'the hosted page answers at result.url')
})

t.test('complete() with a catalogue scenario: the merchant reads a passed record', async t => {
  const sandbox = await startSandbox({ seed: 'merchant-suite' })
  t.teardown(sandbox.stop)
  const { token } = await createSession(sandbox.url)
  const view = await sandbox.complete(token, 'pass')
  t.equal(view.finished, true)
  const record = await getRecord(sandbox.url, token)
  t.matchStrict(record, { token, is_success: 1, ocr_success: 1, face_id_success: 1, latest_error: null, retries: 0 })
  t.equal(view.return_url, `${RETURN_URL}&is_success=1`, 'the user would be sent back with is_success=1')
})

t.test('complete() with an inline scenario: a similarity just under the threshold fails', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  const { token } = await createSession(sandbox.url)
  await sandbox.complete(token, {
    ocr: { attempts: [{ code: 'Success' }] },
    face: { attempts: [{ code: 'Success', sim: 69.99 }, { code: 'Success', sim: 65 }] }
  })
  const record = await getRecord(sandbox.url, token)
  t.matchStrict(record, { is_success: 0, ocr_success: 1, face_id_success: 0, face_retries: 1, latest_error: 'FailedOperation.CompareLowSimilarity' })
})

t.test('arm(): the next session of that client finishes as soon as its page opens', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  const arm = await sandbox.arm('fail-ocr-blurry', { clientId: CREDENTIALS.client_id })
  t.strictSame(arm, { scenario: 'fail-ocr-blurry', client_id: CREDENTIALS.client_id, remaining: 1 })
  const { url, token } = await createSession(sandbox.url)
  const page = await fetch(url, { redirect: 'manual' })
  t.equal(page.status, 303)
  t.equal(page.headers.get('location'), `${RETURN_URL}&is_success=0`)
  t.matchStrict(await getRecord(sandbox.url, token), { is_success: 0, retries: 2, latest_error: '9108' })
})

t.test('the clock: advancing past expire_at expires the link; expire() does it at once', async t => {
  const sandbox = await startSandbox({ tokenTtlSeconds: 600 })
  t.teardown(sandbox.stop)
  const set = await sandbox.setClock('2025-02-01T13:56:47Z')
  t.equal(set.now, '2025-02-01T13:56:47.000Z')
  const first = await createSession(sandbox.url)
  const record = await getRecord(sandbox.url, first.token)
  t.equal(record.created_at, '2025-02-01T13:56:47.000Z')
  t.equal(record.expire_at, '2025-02-01T14:06:47.000Z')

  await sandbox.advanceClock(590)
  t.equal((await sandbox.verification(first.token)).expired, false, 'still open ten seconds before expire_at')
  await sandbox.advanceClock(10)
  t.equal((await sandbox.verification(first.token)).expired, true, 'expired at expire_at')

  const second = await createSession(sandbox.url)
  const expired = await sandbox.expire(second.token)
  t.equal(expired.expired, true)
  t.equal(expired.record.expire_at, '2025-02-01T14:06:47.000Z', 'expire_at is now')
  await t.rejects(sandbox.complete(second.token, 'pass'), { status: 409, message: /answered 409: Verification expired/ }, 'an expired session cannot be completed')

  const reset = await sandbox.resetClock()
  t.equal(reset.offset_ms, 0)
})

t.test('reset({ clientId }) forgets only that client\'s sessions', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  const mine = await createSession(sandbox.url)
  const theirs = await createSession(sandbox.url, { client_id: 'other-shop', client_secret: 'sk_other' })
  const cleared = await sandbox.reset({ clientId: CREDENTIALS.client_id })
  t.equal(cleared.verifications, 1)
  const gone = await fetch(`${sandbox.url}/api/ekyc/verifications/${mine.token}`, { headers: CREDENTIALS })
  t.equal(gone.status, 404)
  t.equal((await sandbox.verification(theirs.token)).token, theirs.token, 'the other client\'s session stays')
  t.equal((await sandbox.reset()).verifications, 1, 'reset() forgets the rest')
})

t.test('adminToken guards /_sandbox; the handle sends it', async t => {
  const sandbox = await startSandbox({ adminToken: 'ci-secret' })
  t.teardown(sandbox.stop)
  const plain = await fetch(`${sandbox.url}/_sandbox/clock`)
  t.equal(plain.status, 401, 'a request without the header is refused')
  const { token } = await createSession(sandbox.url)
  t.equal((await sandbox.complete(token, 'pass')).record.is_success, 1, 'the handle gets through')
})

t.test('a control-plane error rejects with a clear SandboxControlError', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  const err = await sandbox.arm('no-such-scenario').then(() => null, (e: unknown) => e)
  t.type(err, SandboxControlError)
  t.matchStrict(err, { status: 422, message: /POST \/_sandbox\/arm answered 422: Unknown scenario "no-such-scenario"/ })
  await t.rejects(sandbox.complete('NOSUCHTOKEN', 'pass'), { status: 404, message: /answered 404/ })
})

t.test('options are checked like the environment variables and named as options', async t => {
  await t.rejects(startSandbox({ port: 70_000 }), /startSandbox option port: must be between 0 and 65535/)
  await t.rejects(startSandbox({ publicUrl: 'not-a-url' }), /startSandbox option publicUrl:/)
  await t.rejects(startSandbox({ defaultScenario: 'no-such-scenario' }), /^startSandbox option defaultScenario: no scenario named "no-such-scenario"/)
  await t.rejects(startSandbox({ requestTimeoutSeconds: 0 }), /startSandbox option requestTimeoutSeconds: must be between 1 and 3600/)
})

t.test('an unknown option is an error naming it, as a plain-JavaScript caller can misspell one', async t => {
  const misspelt = { sed: 'x' } as unknown as Parameters<typeof startSandbox>[0]
  await t.rejects(startSandbox(misspelt), { name: 'ConfigError', message: /^startSandbox options: unknown option "sed" \(known: port, host, .*seed/ })
  const two = { seed: 'x', clientID: 'a', max_verifications: 3 } as unknown as Parameters<typeof startSandbox>[0]
  await t.rejects(startSandbox(two), /unknown options "clientID", "max_verifications"/)
})

t.test('strict clients and a fixed seed: only the listed credentials pass; tokens repeat across runs', async t => {
  const options = { seed: 'repeatable', clients: [{ clientId: 'shop-42', clientSecret: 'sk_test_shop', organisationId: 77 }] }
  const a = await startSandbox(options)
  t.teardown(a.stop)
  const b = await startSandbox(options)
  t.teardown(b.stop)
  t.not(a.port, b.port, 'two sandboxes side by side')
  const [fromA, fromB] = [await createSession(a.url), await createSession(b.url)]
  t.equal(fromA.token, fromB.token, 'same seed, same first token')
  t.equal((await getRecord(a.url, fromA.token)).organisation_id, 77)
  await t.rejects(createSession(a.url, { client_id: 'stranger', client_secret: 'sk_x' }), /answered 401/)
  await a.stop()
  await a.stop()
  await t.rejects(fetch(`${a.url}/health`), 'stop() closes the server, and a second stop() is harmless')
})

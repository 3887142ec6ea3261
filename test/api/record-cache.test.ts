import t from 'tap'
import { toRecord } from '../../src/domain/verification.js'
import { VerificationStore } from '../../src/plugins/store.js'
import { MemoryState } from '../../src/state/memory.js'
import { RECORD_CACHE_SLOTS, RecordJsonCache } from '../../src/routes/api/record-cache.js'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'

const request = { type: '00' as const, idCountry: 'MYS', idType: 'ID_CARD' as const, redirectUrl: 'https://m.example/', walletAddress: null }
const client = { clientId: 'c', organisationId: 7 }

async function sessions (n: number) {
  let i = 0
  const store = new VerificationStore(new MemoryState(), {
    publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds: 86400, maxVerifications: n, keepSeconds: 3600, newToken: () => `T${String(++i).padStart(29, '0')}`
  }, () => Date.parse('2025-02-01T00:00:00Z'))
  const made = []
  for (let k = 0; k < n; k++) made.push(await store.create(request, client, { takeArm: false, scenario: null }))
  return made
}

const expected = (v: Parameters<typeof toRecord>[0]) => JSON.stringify({ status: 200, result: toRecord(v) })

t.test('a session polled again gets the same serialised answer, a new version a new one', async t => {
  const cache = new RecordJsonCache()
  const [v] = await sessions(1)
  const first = cache.body(v)
  t.equal(first, expected(v))
  t.equal(cache.body(v), first)
  const finished = { ...v, finished: true, updatedAt: v.updatedAt + 5000 }
  t.equal(cache.body(finished), expected(finished), 'the saved version, not the cached one')
  t.matchStrict(JSON.parse(cache.body(finished)).result.updated_at, /:05\.000Z$/)
})

t.test('sessions sharing a slot each get their own record', async t => {
  const cache = new RecordJsonCache()
  const all = await sessions(RECORD_CACHE_SLOTS + 1)
  const a = all[0]
  const b = all[RECORD_CACHE_SLOTS]
  t.equal(a.id & (RECORD_CACHE_SLOTS - 1), b.id & (RECORD_CACHE_SLOTS - 1), 'the same slot')
  for (const v of [a, b, a, b]) t.equal(cache.body(v), expected(v))
})

t.test('through the API: a poll after the session changed shows the change', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.is_success, 0)
  const done = await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, payload: { scenario: 'pass' } })
  t.equal(done.statusCode, 200)
  const after = await getRecord(app, token)
  t.matchStrict(after.json().result, { is_success: 1, ocr_success: 1, face_id_success: 1 })
  t.equal(after.headers['content-type'], 'application/json; charset=utf-8')
})

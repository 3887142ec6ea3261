import t from 'tap'
import type { CreateRequest } from '../../src/domain/create-request.js'
import { applyScenario } from '../../src/domain/flow.js'
import { toRecord } from '../../src/domain/verification.js'
import { VerificationStore } from '../../src/plugins/store.js'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'

const request: CreateRequest = { type: '00', idCountry: 'MYS', idType: 'ID_CARD', redirectUrl: 'https://m.example/', walletAddress: null }
const client = { clientId: 'c', organisationId: 7 }

function makeStore (max = 3, retentionSeconds = 100) {
  let now = Date.parse('2025-02-01T00:00:00Z')
  let n = 0
  const store = new VerificationStore({
    publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds, maxVerifications: max, newToken: () => `T${String(++n).padStart(29, '0')}`
  }, () => now)
  return { store, advance: (s: number) => { now += s * 1000 } }
}

t.test('MAX_VERIFICATIONS evicts the oldest session first', async t => {
  const { store } = makeStore(3)
  const tokens = [1, 2, 3, 4, 5].map(() => store.create(request, client, null).token)
  t.equal(store.size, 3)
  t.equal(store.get(tokens[0]), undefined)
  t.equal(store.get(tokens[1]), undefined)
  t.strictSame(store.list().map(v => v.token), [tokens[4], tokens[3], tokens[2]], 'newest first')
})

t.test('saving an updated session does not make it younger', async t => {
  const { store } = makeStore(2)
  const first = store.create(request, client, null)
  store.create(request, client, null)
  store.save({ ...first, finished: true })
  store.create(request, client, null)
  t.equal(store.get(first.token), undefined, 'the first created is still the first evicted')
})

t.test('retention prunes personal data once due, with pruned_at at the due time', async t => {
  const { store, advance } = makeStore(10, 100)
  const v = store.create(request, client, null)
  const played = store.save(applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }, { now: v.createdAt, threshold: 70, seed: null }))
  t.not(toRecord(played).ocr_result, null)
  advance(99)
  t.equal(store.get(v.token)?.prunedAt, null, 'not yet due')
  advance(500)
  const record = toRecord(store.get(v.token)!)
  t.matchStrict(record, { ocr_result: null, face_id_result: null, pruned_at: '2025-02-01T00:01:40.000Z', updated_at: '2025-02-01T00:01:40.000Z', is_success: 1, ocr_success: 1 })
})

t.test('clear forgets all sessions or one client\'s', async t => {
  const { store } = makeStore(10)
  store.create(request, client, null)
  const other = store.create(request, { clientId: 'd', organisationId: 8 }, null)
  t.equal(store.clear('c'), 1)
  t.strictSame(store.list().map(v => v.token), [other.token])
  t.equal(store.clear(), 1)
  t.equal(store.size, 0)
})

t.test('eviction stays oldest first across many evictions and a per-client clear', async t => {
  const { store } = makeStore(5)
  const other = { clientId: 'd', organisationId: 8 }
  const created = Array.from({ length: 5000 }, (_, i) => store.create(request, i % 2 === 0 ? client : other, null))
  t.strictSame(store.list().map(v => v.id), [5000, 4999, 4998, 4997, 4996], 'the five newest of 5,000 are kept')
  // Client c made the odd ids, d the even ones: 4996, 4998 and 5000 are d's.
  t.equal(store.clear('d'), 3, 'the three of client d among them')
  const after = [1, 2, 3, 4].map(() => store.create(request, client, null))
  // 4997, 4999 and four new ones: one past the bound, so 4997, the oldest still held, goes.
  t.strictSame(store.list().map(v => v.id), [...after.map(v => v.id).reverse(), 4999], 'the oldest live session went first')
  t.equal(store.get(created[4996].token), undefined)
})

t.test('a token reused after clear is evicted by its own age, not by the forgotten session\'s', async t => {
  let n = 0
  const tokens = ['A', 'B', 'A', 'C', 'D'].map(x => x.repeat(30))
  const store = new VerificationStore({ publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds: 100, maxVerifications: 2, newToken: () => tokens[n++] }, () => 0)
  store.create(request, { clientId: 'x', organisationId: 1 }, null) // A, the oldest entry
  store.create(request, client, null) // B
  store.clear('x') // A forgotten
  const reused = store.create(request, client, null) // A again, now the newest
  store.create(request, client, null) // C: past the bound, B is the oldest live session
  t.strictSame(store.list().map(v => v.token), [tokens[3], reused.token], 'B was evicted, the new A kept')
})

t.test('through the API: evicted sessions answer 404, pruning shows on GET with the sandbox clock', async t => {
  const { app, tick } = await buildTestApp(t, { MAX_VERIFICATIONS: '2', RETENTION_SECONDS: '60' })
  const first = await createSession(app)
  const second = await createSession(app)
  await createSession(app)
  t.equal((await getRecord(app, first)).statusCode, 404)
  tick(61)
  t.equal((await getRecord(app, second)).json().result.pruned_at, '2025-02-01T13:57:47.000Z')
})

import t from 'tap'
import type { CreateRequest } from '../../src/domain/create-request.js'
import { applyScenario } from '../../src/domain/flow.js'
import { toRecord } from '../../src/domain/verification.js'
import { VerificationStore } from '../../src/plugins/store.js'
import { testState } from '../helpers/backend.js'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'

const request: CreateRequest = { type: '00', idCountry: 'MYS', idType: 'ID_CARD', redirectUrl: 'https://m.example/', walletAddress: null }
const client = { clientId: 'c', organisationId: 7 }

const NOT_ARMED = { takeArm: false, scenario: null }

// The store over the suite's backend (memory, or Redis in the Redis pass): the same rules in both.
async function makeStore (t: Tap, max = 3, retentionSeconds = 100, tokens?: string[]) {
  let now = Date.parse('2025-02-01T00:00:00Z')
  let n = 0
  const newToken = tokens === undefined ? () => `T${String(++n).padStart(29, '0')}` : () => tokens[n++]
  const store = new VerificationStore(await testState(t), {
    publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds, maxVerifications: max, keepSeconds: 3600, newToken
  }, () => now)
  const create = async (who = client) => await store.create(request, who, NOT_ARMED)
  return { store, create, advance: (s: number) => { now += s * 1000 } }
}
type Tap = { teardown: (fn: () => unknown) => void }

t.test('MAX_VERIFICATIONS evicts the oldest session first', async t => {
  const { store, create } = await makeStore(t, 3)
  const tokens: string[] = []
  for (let i = 0; i < 5; i++) tokens.push((await create()).token)
  t.equal(await store.size(), 3)
  t.equal(await store.get(tokens[0]), undefined)
  t.equal(await store.get(tokens[1]), undefined)
  t.strictSame((await store.list()).map(v => v.token), [tokens[4], tokens[3], tokens[2]], 'newest first')
})

t.test('saving an updated session does not make it younger', async t => {
  const { store, create } = await makeStore(t, 2)
  const first = await create()
  await create()
  t.ok(await store.replace(first, { ...first, finished: true }))
  await create()
  t.equal(await store.get(first.token), undefined, 'the first created is still the first evicted')
})

t.test('a replace of a version that is no longer the stored one changes nothing', async t => {
  const { store, create } = await makeStore(t, 2)
  const v = await create()
  const finished = { ...v, finished: true }
  t.ok(await store.replace(v, finished))
  t.notOk(await store.replace(v, { ...v, updatedAt: v.updatedAt + 1000 }), 'the stale version loses')
  t.strictSame(await store.get(v.token), finished)
})

t.test('retention prunes personal data once due, with pruned_at at the due time', async t => {
  const { store, create, advance } = await makeStore(t, 10, 100)
  const v = await create()
  const played = applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }, { now: v.createdAt, threshold: 70, seed: null })
  t.ok(await store.replace(v, played))
  t.not(toRecord(played).ocr_result, null)
  advance(99)
  t.equal((await store.get(v.token))?.prunedAt, null, 'not yet due')
  advance(500)
  const record = toRecord((await store.get(v.token))!)
  t.matchStrict(record, { ocr_result: null, face_id_result: null, pruned_at: '2025-02-01T00:01:40.000Z', updated_at: '2025-02-01T00:01:40.000Z', is_success: 1, ocr_success: 1 })
  advance(-1000)
  t.equal(toRecord((await store.get(v.token))!).ocr_result, null, 'the clock moved back: the data stays gone')
})

t.test('clear forgets all sessions or one client\'s', async t => {
  const { store, create } = await makeStore(t, 10)
  await create()
  const other = await create({ clientId: 'd', organisationId: 8 })
  t.equal(await store.clear('c'), 1)
  t.strictSame((await store.list()).map(v => v.token), [other.token])
  t.equal(await store.clear(), 1)
  t.equal(await store.size(), 0)
})

t.test('eviction stays oldest first across many evictions and a per-client clear', async t => {
  const { store, create } = await makeStore(t, 5)
  const other = { clientId: 'd', organisationId: 8 }
  const created = []
  for (let i = 0; i < 2000; i++) created.push(await create(i % 2 === 0 ? client : other))
  t.strictSame((await store.list()).map(v => v.id), [2000, 1999, 1998, 1997, 1996], 'the five newest of 2,000 are kept')
  // Client c made the odd ids, d the even ones: 1996, 1998 and 2000 are d's.
  t.equal(await store.clear('d'), 3, 'the three of client d among them')
  const after = []
  for (let i = 0; i < 4; i++) after.push(await create())
  // 1997, 1999 and four new ones: one past the bound, so 1997, the oldest still held, goes.
  t.strictSame((await store.list()).map(v => v.id), [...after.map(v => v.id).reverse(), 1999], 'the oldest live session went first')
  t.equal(await store.get(created[1996].token), undefined)
})

t.test('a token reused after clear is evicted by its own age, not by the forgotten session\'s', async t => {
  const tokens = ['A', 'B', 'A', 'C', 'D'].map(x => x.repeat(30))
  const { store, create } = await makeStore(t, 2, 100, tokens)
  await create({ clientId: 'x', organisationId: 1 }) // A, the oldest entry
  await create() // B
  await store.clear('x') // A forgotten
  const reused = await create() // A again, now the newest
  await create() // C: past the bound, B is the oldest live session
  t.strictSame((await store.list()).map(v => v.token), [tokens[3], reused.token], 'B was evicted, the new A kept')
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

t.test('a token already taken is drawn again: the session gets the next token, the first one is untouched', async t => {
  const tokens = ['A', 'A', 'B'].map(x => x.repeat(30))
  const { store, create } = await makeStore(t, 10, 100, tokens)
  const first = await create()
  const second = await create({ clientId: 'd', organisationId: 8 })
  t.equal(second.token, tokens[2])
  t.strictSame([second.clientId, second.url], ['d', `http://sandbox/verifications?token=${tokens[2]}`])
  t.strictSame(await store.get(first.token), first, 'the first session keeps its token')
  t.strictSame((await store.list()).map(v => v.token), [tokens[2], tokens[0]])
})

t.test('a wallet_address gives the same end_user_id on every session; none gives null', async t => {
  const { store } = await makeStore(t, 10)
  const withWallet = await store.create({ ...request, walletAddress: '0x1111' }, client, NOT_ARMED)
  const again = await store.create({ ...request, walletAddress: '0x1111' }, { clientId: 'd', organisationId: 8 }, NOT_ARMED)
  t.equal(withWallet.endUserId, 537356, 'the id derived from the wallet, the same in every release')
  t.equal(again.endUserId, withWallet.endUserId, 'the same wallet, the same end user, whoever creates the session')
  t.equal((await store.create(request, client, NOT_ARMED)).endUserId, null)
})

t.test('getOwned without the call\'s first read reads the session itself; another client\'s token is unknown', async t => {
  const { store, create } = await makeStore(t, 10)
  const v = await create()
  t.strictSame(await store.getOwned(v.token, 'c'), v)
  t.equal(await store.getOwned(v.token, 'd'), undefined, 'another client_id')
  t.equal(await store.getOwned('Z'.repeat(30), 'c'), undefined, 'an unknown token')
})

t.test('retention: a second before the due time the data is there; at the due time itself it is pruned, on every read', async t => {
  const { store, create, advance } = await makeStore(t, 10, 100)
  const v = await create()
  const played = applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] } }, { now: v.createdAt, threshold: 70, seed: null })
  t.ok(await store.replace(v, played))
  const due = v.createdAt + 100_000
  advance(99)
  t.not((await store.getOwned(v.token, 'c'))?.outcome.ocrResult, null, 'getOwned: not yet due')
  t.equal((await store.get(v.token))?.prunedAt, null, 'get: not yet due')
  advance(1)
  const owned = await store.getOwned(v.token, 'c', { session: played })
  t.matchStrict(owned, { prunedAt: due, updatedAt: due, outcome: { ocrResult: null, faceIdResult: null } }, 'getOwned at the due time')
  t.matchStrict(await store.get(v.token), { prunedAt: due, outcome: { ocrResult: null } }, 'saved: get sees it pruned too')
})

t.test('retention through get alone: pruned at the due time itself', async t => {
  const { store, create, advance } = await makeStore(t, 10, 100)
  const v = await create()
  advance(100)
  t.equal((await store.get(v.token))?.prunedAt, v.createdAt + 100_000)
})

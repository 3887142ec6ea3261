import t from 'tap'
import { MAX_BINDINGS, MemoryState } from '../../src/state/memory.js'
import type { CallQuestion, CallStart } from '../../src/state/state.js'
import type { Scenario } from '../../src/schemas/scenario.js'

// The memory backend's first step of a call (begin): what it tells the hooks, and the open mode's
// secret bindings, bounded at MAX_BINDINGS client_ids.

const ask = (q: Partial<CallQuestion> = {}): CallQuestion => ({ route: 'get', clientId: null, secret: null, token: null, ...q })
const NOTHING: CallStart = { clockOffsetMs: 0, anyFaults: false, clientFaults: false, arms: false, secret: null, session: undefined }

t.test('with nothing waiting, begin says so: no faults, no arms, no secret asked, no session', async t => {
  const state = new MemoryState()
  t.strictSame(state.begin(ask()), NOTHING)
  t.strictSame(state.begin(ask({ clientId: 'a' })), NOTHING, 'a client without a secret binds nothing')
  t.strictSame(state.begin(ask({ secret: 'x' })), NOTHING, 'a secret without a client binds nothing')
  t.strictSame(state.begin(ask({ token: 'T'.repeat(30) })), NOTHING, 'an unknown token reads no session')
})

t.test("begin tells a fault for anyone from a client's own, and whether arms wait", async t => {
  const state = new MemoryState()
  await state.pushFault({ route: 'get', status: 500, latencyMs: null, clientId: 'a', remaining: 1 }, 100)
  t.strictSame(state.begin(ask({ clientId: 'a' })), { ...NOTHING, clientFaults: true })
  t.strictSame(state.begin(ask({ clientId: 'b' })), NOTHING, "another client's fault is not this one's")
  t.strictSame(state.begin(ask()), NOTHING, 'a call without a client has no client faults')
  await state.pushFault({ route: 'create', status: 503, latencyMs: null, clientId: null, remaining: 1 }, 100)
  t.strictSame(state.begin(ask({ clientId: 'b' })), { ...NOTHING, anyFaults: true })
  t.strictSame(state.begin(ask()), { ...NOTHING, anyFaults: true }, "a fault for anyone is not a client's own")
  await state.pushArm({ scenario: { name: 'pass' } as unknown as Scenario, clientId: 'c', remaining: 1, fits: ['00/ID_CARD'] }, 1000)
  t.equal(state.begin(ask()).arms, true, 'an arm waits')
  await state.setClockOffset(60_000)
  t.equal(state.begin(ask()).clockOffsetMs, 60_000)
})

t.test('open mode: the first secret binds a client_id, the same one matches, another differs', async t => {
  const state = new MemoryState()
  const secretOf = (clientId: string, secret: string) => state.begin(ask({ clientId, secret })).secret
  t.equal(secretOf('a', 's1'), 'bound')
  t.equal(secretOf('a', 's1'), 'same')
  t.equal(secretOf('a', 's2'), 'differs')
  t.equal(secretOf('b', 's2'), 'bound', 'each client_id binds its own')
  t.equal(await state.forgetSecrets('a'), 1)
  t.equal(secretOf('a', 's2'), 'bound', 'forgotten: the next secret binds again')
})

t.test(`past ${MAX_BINDINGS} bound client_ids the oldest binding is forgotten, and only that one`, async t => {
  const state = new MemoryState()
  for (let i = 0; i < MAX_BINDINGS; i++) state.begin(ask({ clientId: `c${i}`, secret: 's' }))
  t.equal(state.begin(ask({ clientId: 'c0', secret: 'other' })).secret, 'differs', `${MAX_BINDINGS} are all kept`)
  t.equal(state.begin(ask({ clientId: 'one-more', secret: 's' })).secret, 'bound')
  t.equal(state.begin(ask({ clientId: 'c1', secret: 'other' })).secret, 'differs', 'the next oldest stays')
  t.equal(state.begin(ask({ clientId: 'c0', secret: 'other' })).secret, 'bound', 'the oldest binding went: c0 binds again')
  t.equal(await state.forgetSecrets(), MAX_BINDINGS)
})

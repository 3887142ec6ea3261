import t from 'tap'
import { SandboxClock } from '../../src/domain/clock.js'

// With several replicas on one Redis, the clock's offset lives in the shared state: a replica
// adopts the offset another one set, so every replica shows the same sandbox time.

const T0 = Date.parse('2025-02-01T13:56:47.000Z')

t.test('adopt() takes another replica\'s offset as it is, replacing this one\'s', async t => {
  let source = T0 + 250
  const here = new SandboxClock(() => source)
  const there = new SandboxClock(() => source)
  there.advance(90)
  here.advance(5)
  here.adopt(there.offsetMs)
  t.equal(here.offsetMs, 90_000)
  t.equal(here.now(), there.now())
  t.equal(here.now(), T0 + 90_000)
  source += 1000
  t.equal(here.now(), T0 + 91_000, 'the source keeps running under an adopted offset')
  here.adopt(0)
  t.equal(here.now(), T0 + 1000, 'an offset of 0 is the source\'s time')
})

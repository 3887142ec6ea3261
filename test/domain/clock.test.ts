import t from 'tap'
import { SandboxClock, toTimestamp } from '../../src/domain/clock.js'

const T0 = Date.parse('2025-02-01T13:56:47.000Z')

t.test('now() is whole seconds of the source plus the offset; the offset is kept in ms', async t => {
  let source = T0 + 789
  const clock = new SandboxClock(() => source)
  t.equal(clock.now(), T0)
  t.equal(clock.offsetMs, 0)
  clock.advance(1.5)
  t.equal(clock.offsetMs, 1500)
  t.equal(clock.now(), T0 + 2000, '789 ms + 1500 ms floors to 2 s')
  source = T0 + 999
  t.equal(clock.now(), T0 + 2000)
  source = T0 + 1000
  t.equal(clock.now(), T0 + 2000, 'floor, not round')
  clock.advance(-3)
  t.equal(clock.offsetMs, -1500)
  t.equal(clock.now(), T0 - 1000)
})

t.test('set() lands on the instant whatever the offset was; reset() returns to the source', async t => {
  let source = T0
  const clock = new SandboxClock(() => source)
  clock.advance(3600)
  clock.set(T0 + 10_000)
  t.equal(clock.now(), T0 + 10_000)
  t.equal(clock.offsetMs, 10_000)
  clock.set(T0 - 5000)
  t.equal(clock.now(), T0 - 5000)
  t.equal(clock.offsetMs, -5000)
  source += 2000
  t.equal(clock.now(), T0 - 3000, 'the source keeps running under a set clock')
  clock.reset()
  t.equal(clock.offsetMs, 0)
  t.equal(clock.now(), T0 + 2000)
})

t.test('the default source is the system clock', async t => {
  const clock = new SandboxClock()
  const before = Math.floor(Date.now() / 1000) * 1000
  const now = clock.now()
  t.ok(now >= before && now <= Date.now(), 'between the last whole second and now')
  t.equal(now % 1000, 0)
})

t.test('toTimestamp: whole seconds in UTC with .000Z, floored', async t => {
  t.equal(toTimestamp(T0), '2025-02-01T13:56:47.000Z')
  t.equal(toTimestamp(T0 + 999), '2025-02-01T13:56:47.000Z')
  t.equal(toTimestamp(T0 + 1000), '2025-02-01T13:56:48.000Z')
  t.equal(toTimestamp(0), '1970-01-01T00:00:00.000Z')
})

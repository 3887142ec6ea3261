// The journal's batching of Redis writes (src/state/write-batch.ts), without Redis: what one turn
// of the event loop adds is written by one call, in order, and each add settles with that call.
import { setImmediate as nextTurn } from 'node:timers/promises'
import t from 'tap'
import { WriteBatch } from '../../src/state/write-batch.js'

function recorder (fail: unknown = null) {
  const calls: string[][] = []
  const batch = new WriteBatch<string>(async items => {
    calls.push([...items])
    if (fail !== null) throw fail
  }, 3)
  return { calls, batch }
}

t.test('what one turn adds is one write, in order, made at the end of the turn', async t => {
  const { calls, batch } = recorder()
  const settled = [batch.add('a'), batch.add('b')]
  t.strictSame(calls, [], 'nothing written during the turn')
  await Promise.all(settled)
  t.strictSame(calls, [['a', 'b']], 'one write of both, oldest first')
  await batch.add('c')
  t.strictSame(calls, [['a', 'b'], ['c']], 'a later turn is a write of its own')
})

t.test('maxItems waiting are written at once; the rest of the turn goes in the next write', async t => {
  const { calls, batch } = recorder()
  const settled = ['1', '2', '3', '4'].map(item => batch.add(item))
  t.strictSame(calls, [['1', '2', '3']], 'the third add wrote the first three before returning')
  await Promise.all(settled)
  t.strictSame(calls, [['1', '2', '3'], ['4']])
})

t.test('flush() writes what waits before it returns, and nothing when nothing waits', async t => {
  const { calls, batch } = recorder()
  batch.flush()
  t.strictSame(calls, [], 'nothing waited')
  const settled = batch.add('x')
  batch.flush()
  t.strictSame(calls, [['x']], 'written at once')
  await settled
  await nextTurn()
  t.strictSame(calls, [['x']], 'the end of the turn writes nothing more')
})

t.test('a failed write rejects every add it carried, and the next turn writes again', async t => {
  const refused = new Error('Redis is away')
  const { calls, batch } = recorder(refused)
  const results = await Promise.allSettled([batch.add('a'), batch.add('b')])
  t.strictSame(results, [{ status: 'rejected', reason: refused }, { status: 'rejected', reason: refused }])
  await t.rejects(batch.add('c'), refused)
  t.strictSame(calls, [['a', 'b'], ['c']])
})

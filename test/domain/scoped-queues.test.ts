import t from 'tap'
import { ScopedQueues } from '../../src/domain/scoped-queues.js'

// Arms and faults wait in one queue per client plus one for anyone (null). Each queue has its own
// cap, so one client filling its queue never stops another; the oldest waiting item wins across queues.

t.test('an empty set of queues holds nothing', async t => {
  const q = new ScopedQueues<string>(2)
  t.equal(q.size, 0)
  t.equal(q.count('a'), 0)
  t.equal(q.count(null), 0)
  t.equal(q.isFull('a'), false)
  t.strictSame(q.all(), [])
  t.equal(q.oldest(['a', null]), undefined)
  q.remove('a', 'nothing')
  t.equal(q.size, 0, 'removing from a queue that does not exist changes nothing')
  t.equal(q.clear('a'), 0)
  t.equal(q.clear(), 0)
})

t.test('each scope has its own cap: full at the cap, not one under it', async t => {
  const q = new ScopedQueues<string>(2)
  q.push('a', 'a1')
  t.equal(q.isFull('a'), false, 'one under the cap')
  q.push('a', 'a2')
  t.equal(q.isFull('a'), true, 'at the cap')
  t.equal(q.isFull('b'), false, 'another client is not stopped')
  t.equal(q.isFull(null), false, 'nor is anyone\'s queue')
  q.push(null, 'any')
  t.equal(q.count('a'), 2)
  t.equal(q.count(null), 1)
  t.equal(q.size, 3)
})

t.test('all() lists every item oldest first, whatever its scope', async t => {
  const q = new ScopedQueues<string>(10)
  q.push('b', 'first')
  q.push(null, 'second')
  q.push('a', 'third')
  q.push('b', 'fourth')
  t.strictSame(q.all(), ['first', 'second', 'third', 'fourth'])
})

t.test('oldest() takes the oldest matching item of the given scopes only', async t => {
  const q = new ScopedQueues<{ name: string, kind: string }>(10)
  const anyPass = { name: 'any-pass', kind: 'ID_CARD' }
  const aPassport = { name: 'a-passport', kind: 'PASSPORT' }
  const aCard = { name: 'a-card', kind: 'ID_CARD' }
  const bCard = { name: 'b-card', kind: 'ID_CARD' }
  q.push('b', bCard)
  q.push('a', aPassport)
  q.push(null, anyPass)
  q.push('a', aCard)

  t.equal(q.oldest(['a', null]), aPassport, 'a\'s own arm came before anyone\'s')
  t.equal(q.oldest([null, 'a']), aPassport, 'whatever order the scopes are named in')
  t.equal(q.oldest(['a', null], x => x.kind === 'ID_CARD'), anyPass, 'the oldest that matches: anyone\'s card arm before a\'s')
  t.equal(q.oldest(['a'], x => x.kind === 'ID_CARD'), aCard, 'within one scope, the first that matches')
  t.equal(q.oldest(['c', null]), anyPass, 'another client only sees anyone\'s')
  t.equal(q.oldest(['c']), undefined)
  t.equal(q.oldest(['a', null], x => x.kind === 'NONE'), undefined)
  t.equal(q.oldest(['b', 'a']), bCard)
  t.equal(q.oldest(['a', 'c']), aPassport, 'a scope with nothing waiting after one that has an item')
  t.equal(q.oldest(['a', 'b'], x => x.kind === 'PASSPORT'), aPassport, 'a scope with no match after one that has it')
})

t.test('remove() takes one item out of its scope; an item of another scope stays', async t => {
  const q = new ScopedQueues<string>(3)
  q.push('a', 'x')
  q.push('a', 'y')
  q.push('b', 'x')
  q.remove('c', 'x')
  q.remove('a', 'zzz')
  t.equal(q.size, 3, 'an unknown scope or item removes nothing')
  q.remove('a', 'x')
  t.equal(q.size, 2)
  t.equal(q.count('a'), 1)
  t.equal(q.count('b'), 1, 'the same item in another scope stays')
  t.strictSame(q.all(), ['y', 'x'])
  t.equal(q.oldest(['a']), 'y')
  q.remove('a', 'y')
  t.equal(q.count('a'), 0)
  t.equal(q.isFull('a'), false)
  q.push('a', 'z')
  t.strictSame(q.all(), ['x', 'z'], 'an emptied scope takes new items')
})

t.test('remove() takes an item from the middle or the end of a queue too', async t => {
  const q = new ScopedQueues<string>(5)
  for (const item of ['p', 'q', 'r', 's']) q.push('a', item)
  q.remove('a', 'r')
  t.strictSame(q.all(), ['p', 'q', 's'])
  q.remove('a', 's')
  t.strictSame(q.all(), ['p', 'q'])
  t.equal(q.count('a'), 2)
  t.equal(q.size, 2)
})

t.test('clear(scope) forgets one client\'s items and says how many; clear() forgets all', async t => {
  const q = new ScopedQueues<string>(5)
  q.push('a', 'a1')
  q.push('a', 'a2')
  q.push('b', 'b1')
  q.push(null, 'n1')
  t.equal(q.clear('a'), 2)
  t.equal(q.size, 2)
  t.equal(q.count('a'), 0)
  t.strictSame(q.all(), ['b1', 'n1'])
  t.equal(q.clear('zzz'), 0)
  t.equal(q.size, 2)
  t.equal(q.clear(null), 1, 'null is anyone\'s queue, not every queue')
  t.strictSame(q.all(), ['b1'])
  q.push('c', 'c1')
  t.equal(q.clear(), 2)
  t.equal(q.size, 0)
  t.strictSame(q.all(), [])
  q.push('a', 'again')
  t.equal(q.size, 1)
  t.strictSame(q.all(), ['again'])
})

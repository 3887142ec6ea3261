import t from 'tap'
import { FairEviction } from '../../src/domain/fair-eviction.js'
import { seededUint32 } from '../../src/domain/random.js'

// When the store is full, the session that goes is the oldest one of the client holding the most:
// one team's load test evicts its own sessions, never the one another team's tester is looking at.

const fill = (e: FairEviction, client: string, n: number, from = 0): void => {
  for (let i = from; i < from + n; i++) e.add(client, `${client}-${i}`)
}

t.test('an empty policy has no victim and counts nothing', async t => {
  const e = new FairEviction()
  t.equal(e.takeVictim(), undefined)
  t.equal(e.count('a'), 0)
  e.removeClient('a')
  t.equal(e.takeVictim(), undefined, 'forgetting an unknown client changes nothing')
})

t.test('the client holding the most loses its oldest session first', async t => {
  const e = new FairEviction()
  e.add('tester', 'tester-0')
  fill(e, 'load', 3)
  e.add('tester', 'tester-1')
  t.equal(e.count('load'), 3)
  t.equal(e.count('tester'), 2)
  t.equal(e.takeVictim(), 'load-0')
  t.equal(e.count('load'), 2)
  t.equal(e.takeVictim(), 'tester-0', 'two each now: the tester reached two first, so its oldest goes')
  t.equal(e.takeVictim(), 'load-1', 'load holds two, tester one')
  t.equal(e.takeVictim(), 'tester-1', 'one each: the tester got to one first (its count went 2 → 1 earlier)')
  t.equal(e.takeVictim(), 'load-2')
  t.equal(e.takeVictim(), undefined)
  t.equal(e.count('load'), 0)
  t.equal(e.count('tester'), 0)
})

t.test('among clients holding equally many, the one that reached that count first goes first', async t => {
  const e = new FairEviction()
  e.add('b', 'b-0')
  e.add('a', 'a-0')
  e.add('a', 'a-1')
  e.add('b', 'b-1')
  t.equal(e.takeVictim(), 'a-0', 'a reached two first')
  t.equal(e.takeVictim(), 'b-0')
  t.equal(e.takeVictim(), 'a-1', 'one each: a got back down to one first')
  t.equal(e.takeVictim(), 'b-1')
})

t.test('a client whose sessions were all taken starts afresh', async t => {
  const e = new FairEviction()
  e.add('a', 'a-0')
  t.equal(e.takeVictim(), 'a-0')
  t.equal(e.count('a'), 0)
  e.add('a', 'a-1')
  e.add('a', 'a-2')
  t.equal(e.count('a'), 2)
  t.equal(e.takeVictim(), 'a-1')
})

t.test('forgetting a client (its state was reset) leaves the others as they were', async t => {
  const e = new FairEviction()
  fill(e, 'big', 5)
  fill(e, 'small', 2)
  e.removeClient('big')
  t.equal(e.count('big'), 0)
  t.equal(e.count('small'), 2)
  t.equal(e.takeVictim(), 'small-0', 'the largest count drops to what is left')
  t.equal(e.takeVictim(), 'small-1')
  t.equal(e.takeVictim(), undefined)

  const f = new FairEviction()
  fill(f, 'a', 2)
  fill(f, 'b', 2)
  f.removeClient('a')
  t.equal(f.takeVictim(), 'b-0', 'a bucket still holding another client stays')
  f.add('a', 'a-9')
  t.equal(f.count('a'), 1)
  t.equal(f.takeVictim(), 'b-1', 'b reached one first')
  t.equal(f.takeVictim(), 'a-9')
})

t.test('forgetting the only client leaves nothing to evict, and new sessions count from one', async t => {
  const e = new FairEviction()
  fill(e, 'a', 3)
  e.removeClient('a')
  t.equal(e.count('a'), 0)
  t.equal(e.takeVictim(), undefined)
  e.add('b', 'b-0')
  t.equal(e.count('b'), 1)
  t.equal(e.takeVictim(), 'b-0')
  t.equal(e.takeVictim(), undefined)
})

t.test('forgetting the largest client when the next is far smaller walks down to it', async t => {
  const e = new FairEviction()
  fill(e, 'big', 6)
  fill(e, 'small', 1)
  e.removeClient('big')
  e.add('other', 'other-0')
  e.add('other', 'other-1')
  t.equal(e.takeVictim(), 'other-0', 'other holds the most (two), not a stale count of six')
  t.equal(e.takeVictim(), 'small-0')
  t.equal(e.takeVictim(), 'other-1')
})

t.test('clear forgets everything', async t => {
  const e = new FairEviction()
  fill(e, 'a', 3)
  fill(e, 'b', 1)
  e.clear()
  t.equal(e.count('a'), 0)
  t.equal(e.takeVictim(), undefined)
  e.add('b', 'b-new')
  t.equal(e.takeVictim(), 'b-new')
  t.equal(e.takeVictim(), undefined)
})

t.test('a long-running load test keeps its order across thousands of evictions', async t => {
  const e = new FairEviction()
  fill(e, 'load', 3000)
  e.add('tester', 'tester-0')
  for (let i = 0; i < 2500; i++) {
    const victim = e.takeVictim()
    if (victim !== `load-${i}`) {
      t.fail(`eviction ${i}: ${String(victim)}`)
      return
    }
    // The store adds one as it evicts one: the load keeps coming.
    if (i % 2 === 0) e.add('load', `load-${3000 + i / 2}`)
  }
  t.equal(e.count('load'), 3000 - 2500 + 1250)
  t.equal(e.count('tester'), 1, 'the tester\'s session is never taken while the load holds more')
  const rest: Array<string | undefined> = []
  for (let v = e.takeVictim(); v !== undefined; v = e.takeVictim()) rest.push(v)
  t.equal(rest.length, 1751)
  t.strictSame(rest.slice(0, 3), ['load-2500', 'load-2501', 'load-2502'])
  t.equal(rest.at(-2), 'tester-0', 'one each at the end: the tester has held one since the start')
  t.equal(rest.at(-1), 'load-4249')
})

t.test('20,000 random adds, evictions and resets of 6 clients choose exactly as the rule says', async t => {
  // The rule spelled out the slow way: the client holding the most, ties to the one that reached
  // its count first (a count reached by growing or by shrinking alike), its oldest token.
  const model = new Map<string, { tokens: string[], reachedAt: number }>()
  let tick = 0
  const modelVictim = (): string | undefined => {
    let best: { tokens: string[], reachedAt: number } | undefined
    let bestClient = ''
    for (const [client, m] of model) {
      if (best === undefined || m.tokens.length > best.tokens.length || (m.tokens.length === best.tokens.length && m.reachedAt < best.reachedAt)) { best = m; bestClient = client }
    }
    if (best === undefined) return undefined
    const token = best.tokens.shift() as string
    best.reachedAt = ++tick
    if (best.tokens.length === 0) model.delete(bestClient)
    return token
  }
  const random = seededUint32('fair-eviction-model')
  const e = new FairEviction()
  let made = 0
  for (let step = 0; step < 20_000; step++) {
    const client = `c${random() % 6}`
    const roll = random() % 100
    if (roll < 55) {
      const token = `t${++made}`
      e.add(client, token)
      const m = model.get(client) ?? { tokens: [], reachedAt: 0 }
      m.tokens.push(token)
      m.reachedAt = ++tick
      model.set(client, m)
    } else if (roll < 98) {
      const want = modelVictim()
      const got = e.takeVictim()
      if (got !== want) return t.fail(`step ${step}: evicted ${String(got)}, the rule says ${String(want)}`)
    } else {
      e.removeClient(client)
      model.delete(client)
    }
    if (e.count(client) !== (model.get(client)?.tokens.length ?? 0)) return t.fail(`step ${step}: ${client} counts ${e.count(client)}`)
  }
  t.pass('every eviction and every count as the rule says')
})

import t from 'tap'
import { JournalRing as Journal } from '../../src/state/journal-ring.js'
import { MAX_JOURNAL, type JournalEntry } from '../../src/state/state.js'

const entry = (n: number, clientId: string): JournalEntry => ({
  time: n, method: 'GET', path: `/api/ekyc/verifications/T${n}`, route: 'get', clientId, status: 200, token: `T${n}`, durationMs: 0.1, note: null
})

t.test('past the bound the ring keeps the newest entries, newest first', async t => {
  const journal = new Journal()
  for (let n = 1; n <= MAX_JOURNAL * 2 + 7; n++) journal.add(entry(n, n % 3 === 0 ? 'c' : 'd'))
  const all = journal.list()
  t.equal(all.length, MAX_JOURNAL)
  t.strictSame(all.map(e => e.time), Array.from({ length: MAX_JOURNAL }, (_, i) => MAX_JOURNAL * 2 + 7 - i))
  t.strictSame(journal.list('c', 3).map(e => e.time), [405, 402, 399])
})

t.test('clearing one client keeps the others in order, and new entries go after them', async t => {
  const journal = new Journal()
  for (let n = 1; n <= MAX_JOURNAL + 50; n++) journal.add(entry(n, n % 2 === 0 ? 'c' : 'd'))
  t.equal(journal.clear('c'), MAX_JOURNAL / 2, 'half of the kept 200 were c\'s')
  journal.add(entry(1000, 'c'))
  const times = journal.list().map(e => e.time)
  t.strictSame(times.slice(0, 4), [1000, 249, 247, 245])
  t.equal(times.length, MAX_JOURNAL / 2 + 1)
  t.equal(times.at(-1), 51)
  t.equal(journal.clear(), MAX_JOURNAL / 2 + 1)
  t.strictSame(journal.list(), [])
})

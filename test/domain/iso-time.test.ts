import t, { type Test } from 'tap'
import { isoString } from '../../src/domain/iso-time.js'

const same = (t: Test, ms: number): void => {
  t.equal(isoString(ms), new Date(ms).toISOString(), String(ms))
}

t.test('isoString writes what toISOString writes at the edges of the four-digit years and of days', async t => {
  for (const ms of [
    0, -0, 1, -1, 999, 1000, -1000, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
    Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2023, 1, 28, 12), Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1,
    Date.UTC(2100, 1, 28, 23, 59, 59), Date.UTC(1969, 11, 31, 23, 59, 59, 500),
    -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
    -62_135_596_800_000, // 0001-01-01
    new Date('0999-12-31T23:59:59.999Z').getTime(), new Date('1000-01-01T00:00:00.000Z').getTime(),
    8.64e15, -8.64e15, 1.7, -1.7, 1_733_500_000_000.9
  ]) same(t, ms)
})

t.test('isoString matches toISOString on 20,000 instants across 0000–9999', async t => {
  let seed = 12345
  const random = (): number => { seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0; return seed / 2 ** 32 }
  let mismatches = 0
  for (let i = 0; i < 20_000; i++) {
    const ms = Math.floor(-62_167_219_200_000 + random() * (253_402_300_800_000 + 62_167_219_200_000))
    if (isoString(ms) !== new Date(ms).toISOString()) mismatches++
  }
  t.equal(mismatches, 0)
})

t.test('an invalid instant throws RangeError, as toISOString does', async t => {
  for (const ms of [Number.NaN, 8.64e15 + 1, -8.64e15 - 1, Infinity, -Infinity]) {
    t.throws(() => isoString(ms), RangeError, String(ms))
  }
})

t.test('from 0000-01-01 to 9999-12-31 it never asks V8\'s formatter (what it is for); outside, it does', async t => {
  const original = Date.prototype.toISOString
  let asked = 0
  Date.prototype.toISOString = function (this: Date) { asked++; return original.call(this) }
  t.teardown(() => { Date.prototype.toISOString = original })
  for (const ms of [-62_167_219_200_000, -1, 0, Date.UTC(2026, 11, 6), 253_402_300_799_999]) isoString(ms)
  t.equal(asked, 0, 'the first and last instants of the four-digit years included')
  isoString(-62_167_219_200_001)
  isoString(253_402_300_800_000)
  t.equal(asked, 2, 'a year before 0000 or after 9999')
})

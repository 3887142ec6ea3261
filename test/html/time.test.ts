import t from 'tap'
import { formatRelative, formatUtc, timeElement } from '../../src/html/time.js'
import { formatSecondsLeft } from '../../src/html/countdown.js'

// How the page words time: the countdown, "in 14 min" / "3 min ago", and UTC dates. Each unit
// changes at its boundary, not one second early or late.

t.test('relative time: each unit starts exactly at its boundary', async t => {
  const cases: Array<[number, string]> = [
    [4.9, 'just now'], [5, 'in 5 s'], [-5, '5 s ago'], [59, 'in 59 s'], [60, 'in 1 min'], [119, 'in 1 min'], [120, 'in 2 min'],
    [3599, 'in 59 min'], [3600, 'in 1 h 0 min'], [-3661, '1 h 1 min ago'], [86_399, 'in 23 h 59 min'], [86_400, 'in 1 d 0 h'],
    [-(2 * 86_400 + 3 * 3600 + 59 * 60), '2 d 3 h ago'], [-5.7, '5 s ago']
  ]
  for (const [seconds, words] of cases) t.equal(formatRelative(seconds), words, String(seconds))
})

t.test('the countdown: m:ss under an hour, h:mm:ss from an hour, never below 0:00', async t => {
  const cases: Array<[number, string]> = [
    [0, '0:00'], [-30, '0:00'], [9.9, '0:09'], [59, '0:59'], [60, '1:00'], [839, '13:59'], [3599, '59:59'], [3600, '1:00:00'],
    [3661, '1:01:01'], [36_000 + 65, '10:01:05']
  ]
  for (const [seconds, shown] of cases) t.equal(formatSecondsLeft(seconds), shown, String(seconds))
})

t.test('UTC dates with two-digit times and the month\'s short name', async t => {
  t.equal(formatUtc('2025-01-02T03:04:05.000Z'), '2 Jan 2025, 03:04:05 UTC')
  t.equal(formatUtc('2025-06-30T12:00:00.000Z'), '30 Jun 2025, 12:00:00 UTC')
  t.equal(timeElement('2025-01-02T03:04:05.000Z', 'created-at').value,
    '<time datetime="2025-01-02T03:04:05.000Z" title="2025-01-02T03:04:05.000Z" data-local data-testid="created-at">2 Jan 2025, 03:04:05 UTC</time>')
})

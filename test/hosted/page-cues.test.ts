// The page's cues a tester reads at a glance: retries and the hint agree, attempt lines say each
// thing once, times are readable with the exact value at hand, pass and fail buttons differ in
// more than colour, and the scenario groups fold.
import t from 'tap'
import { formatRelative, formatUtc } from '../../src/html/time.js'
import { buildTestApp, createSession } from '../helpers/app.js'
import { formStamp, openPage, submit } from './page-helpers.js'

const testid = (body: string, id: string): string | undefined =>
  new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(body)?.[1]

t.test('after one failed OCR attempt the counter and the hint agree: the first attempt was not a retry', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await submit(app, token, { action: 'ocr', code: '9108', at: formStamp((await openPage(app, token)).body) })
  const page = (await openPage(app, token)).body
  t.equal(testid(page, 'ocr-retries-left'), '2 of 2')
  t.equal(testid(page, 'retry-hint'), 'Play each attempt yourself. The first attempt of a step is not a retry; each attempt after it uses one, as the retries left above count. A failure with no retry left sends you back to the merchant.')
  t.notMatch(page, 'A failed attempt uses a retry', 'the old, contradicting hint is gone')
})

t.test('an attempt line names a Success once, and a failure by its code and its meaning', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await submit(app, token, { action: 'ocr', code: '9108', at: formStamp((await openPage(app, token)).body) })
  await submit(app, token, { action: 'ocr', code: 'Success', at: formStamp((await openPage(app, token)).body) })
  await submit(app, token, { action: 'face', code: 'Success', sim: '91.5', at: formStamp((await openPage(app, token)).body) })
  // The face pass finishes the session: the closed page lists every attempt.
  const page = (await openPage(app, token)).body
  const line = (id: string) => new RegExp(`data-testid="${id}"[^>]*>([^]*?)</li>`).exec(page)?.[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()
  t.equal(line('attempt-ocr-1'), 'Failed: document attempt 1, 9108 Blurry')
  t.equal(line('attempt-ocr-2'), 'Passed: document attempt 2, Success')
  t.equal(line('attempt-face-1'), 'Passed: face attempt 1, Success (similarity 91.5)')
  t.notMatch(page, /Success\s+Success/)
})

t.test('times read as UTC with the exact ISO value in title and datetime; an expired link says how long ago', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  const open = (await openPage(app, token)).body
  t.matchStrict(open, '<time datetime="2025-02-01T14:11:47.000Z" title="2025-02-01T14:11:47.000Z" data-local data-testid="expire-at">1 Feb 2025, 14:11:47 UTC</time>')
  t.notMatch(open.replace(/"2025-02-01T14:11:47\.000Z"/g, ''), '2025-02-01T14:11:47.000Z', 'no raw ISO string in the text')
  tick(900 + 180)
  const expired = (await openPage(app, token)).body
  t.matchStrict(expired, /data-testid="time-left">expired 3 min ago, at <time datetime="2025-02-01T14:11:47\.000Z" title="2025-02-01T14:11:47\.000Z"/)
})

t.test('relative and UTC wording', async t => {
  t.strictSame([0, 4, -4, 30, -59, 60, 899, -180, 3600, -5400, 86_400 + 7200].map(formatRelative), [
    'just now', 'just now', 'just now', 'in 30 s', '59 s ago', 'in 1 min', 'in 14 min', '3 min ago', 'in 1 h 0 min', '1 h 30 min ago', 'in 1 d 2 h'
  ])
  t.equal(formatUtc('2025-12-31T23:05:09.000Z'), '31 Dec 2025, 23:05:09 UTC')
})

t.test('pass and fail buttons carry a verdict in words and an icon, and a class for the border style', async t => {
  const { app } = await buildTestApp(t)
  const page = (await openPage(app, await createSession(app))).body
  t.matchStrict(page, /<button [^>]*class="to-pass" data-testid="scenario-pass-after-ocr-glare" data-outcome="pass"[^>]*><span class="verdict">✓ passes<\/span> /)
  t.matchStrict(page, /<button [^>]*class="to-fail" data-testid="scenario-fail-ocr-blurry" data-outcome="fail"[^>]*><span class="verdict">✗ fails<\/span> /)
  t.matchStrict(page, /\.to-pass\{border:2px solid [^}]*\}/, 'passes: a solid border with a thick left edge')
  t.matchStrict(page, /\.to-fail\{border:2px dashed [^}]*\}/, 'failures: a dashed border')
})

t.test('each scenario group is a <details> that starts open and folds without a script', async t => {
  const { app } = await buildTestApp(t)
  const page = (await openPage(app, await createSession(app))).body
  const groups = [...page.matchAll(/<details class="group" open data-testid="group-(\w+)-details">\s*<summary data-testid="group-\1-toggle"><h3 id="group-\1">[^<]+<\/h3> <span class="count">(\d+)<\/span><\/summary>/g)]
  t.strictSame(groups.map(m => m[1]), ['passes', 'document', 'face', 'other'])
  for (const [, group, count] of groups) {
    const buttons = new RegExp(`data-testid="group-${group}">([^]*?)</div>`).exec(page)?.[1].match(/<button /g)?.length
    t.equal(String(buttons), count, `${group}: the count is the number of buttons`)
  }
})

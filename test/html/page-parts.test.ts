import t from 'tap'
import { escapeHtml, html, raw, SafeHtml } from '../../src/html/escape.js'
import { errorPage } from '../../src/html/error-page.js'
import { contentSecurityPolicy, pageHeaders, pageLayout } from '../../src/html/page-layout.js'
import { presetSection, presetsFor, scenarioPasses } from '../../src/html/presets.js'
import { attemptList, sessionSummary } from '../../src/html/session-summary.js'
import { pageHref, toSessionView, type SessionView } from '../../src/html/session-view.js'
import { exitSection, stepSection } from '../../src/html/step-form.js'
import { closedPage, verificationPage } from '../../src/html/verification-page.js'
import { formatUtc } from '../../src/html/time.js'
import { COUNTDOWN_JS } from '../../src/html/countdown.js'
import { ENHANCE_JS } from '../../src/html/enhance.js'
import { EMPTY_OUTCOME, type Verification } from '../../src/domain/verification.js'
import { playFaceAttempt, playOcrAttempt } from '../../src/domain/flow.js'
import type { Scenario } from '../../src/schemas/scenario.js'

// The hosted page's parts rendered from a session, without the app: what the user reads and which
// forms they can send. The app-level tests (test/hosted/) check the same page through HTTP.

const CREATED = Date.parse('2025-02-01T13:56:47.000Z')
const TOKEN = 'TOKEN0000000000000000000000001'

function session (over: Partial<Verification> = {}): Verification {
  return {
    id: 1, organisationId: 7, clientId: 'merchant-a', endUserId: null, type: '00', token: TOKEN,
    url: `http://localhost:3939/verifications?token=${TOKEN}`, redirectUrl: 'https://merchant.example/ekyc/return?order=42#done',
    idCountry: 'MYS', idType: 'ID_CARD', walletAddress: null, ocrAttempts: [], faceAttempts: [], document: null,
    outcome: EMPTY_OUTCOME, finished: false, armed: null, expireAt: CREATED + 900_000, createdAt: CREATED, updatedAt: CREATED,
    prunedAt: null, ...over
  }
}
const ctx = { now: CREATED, threshold: 70, seed: null }
const view = (v: Verification, now = CREATED + 60_000, threshold = 70): SessionView => toSessionView(v, now, threshold, 'https://merchant.example/back?is_success=0')
const between = (text: string, start: string, end: string): string => {
  const from = text.indexOf(start)
  return from === -1 ? '' : text.slice(from, text.indexOf(end, from + start.length) + end.length)
}

const SCENARIOS: Scenario[] = [
  { name: 'pass', title: 'Clean pass', group: 'passes', description: 'Reads "cleanly" <b>', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 96.4 }] } },
  { name: 'fail-ocr-blurry', title: 'Blurry', group: 'document', ocr: { attempts: [{ code: '9108' }, { code: '9108' }, { code: '9108' }] } },
  { name: 'fail-face-spoofed', title: 'Spoofed', group: 'face', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }, { code: 'FailedOperation.LivessDetectFake' }] } },
  { name: 'expired', title: 'Expired', group: 'other', expire: true },
  { name: 'abandon', title: 'Abandon', group: 'other' },
  { name: 'pass-passport', title: 'Passport', group: 'passes', document: { id_type: 'PASSPORT' }, ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } },
  { name: 'face-at-69', title: 'Just under', group: 'face', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 69 }] } }
]

t.test('escaping: each special character has its entity; fragments, arrays, numbers, null and false', async t => {
  t.equal(escapeHtml('&<>"\'`'), '&amp;&lt;&gt;&quot;&#39;&#96;')
  t.equal(escapeHtml('a<b<c'), 'a&lt;b&lt;c', 'every occurrence, not only the first')
  t.equal(escapeHtml('plain'), 'plain')
  t.equal(String(raw('<br>')), '<br>')
  t.ok(raw('x') instanceof SafeHtml)
  t.equal(`${html`<i>${'<'}</i>`}`, '<i>&lt;</i>', 'a fragment prints as its markup')
  t.equal(html`${[html`<b>`, '<', [1, 2]]}|${null}|${undefined}|${false}|${0}|${true}|${''}`.value, '<b>&lt;12||||0|true|')
  t.equal(html`a${1}b${2}c`.value, 'a1b2c')
})

t.test('every month has its short name', async t => {
  const names = Array.from({ length: 12 }, (_, m) => formatUtc(new Date(Date.UTC(2025, m, 15, 1, 2, 3)).toISOString()).split(' ')[1])
  t.strictSame(names, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])
})

t.test('the session view: time left floored, retries left, attempts as the user played them', async t => {
  const fresh = view(session(), CREATED + 60_500)
  t.matchStrict(fresh, {
    token: TOKEN, type: '00', idType: 'ID_CARD', idCountry: 'MYS', secondsLeft: 839, secondsSinceExpiry: 0, expireAt: '2025-02-01T14:11:47.000Z',
    expired: false, finished: false, started: false, next: 'ocr', isSuccess: 0, latestError: null, ocrRetriesLeft: 2, faceRetriesLeft: 1,
    stamp: '0-0', threshold: 70, returnUrl: 'https://merchant.example/back?is_success=0', redirectUrl: 'https://merchant.example/ekyc/return?order=42#done'
  })
  t.strictSame(fresh.attempts, [])
  const late = view(session(), CREATED + 900_000 + 61_999)
  t.matchStrict(late, { secondsLeft: 0, secondsSinceExpiry: 61, expired: true })
  t.equal(view(session(), CREATED + 900_000).expired, true, 'expired at expire_at exactly')
  t.equal(view(session({ redirectUrl: 'http://evil.example\\@shop.example/' })).redirectUrl, 'http://evil.example/@shop.example/', 'as the browser reads it')

  let v = playOcrAttempt(session(), { code: ['9102', '9108'] }, null, ctx)
  v = playOcrAttempt(v, { code: 'Success' }, null, ctx)
  v = playFaceAttempt(v, { code: 'Success', sim: 65.5 }, ctx)
  const played = view(v)
  t.matchStrict(played, { started: true, next: 'face', ocrRetriesLeft: 1, faceRetriesLeft: 1, stamp: '2-1', latestError: 'FailedOperation.CompareLowSimilarity' })
  t.strictSame(played.attempts, [
    { step: 'ocr', number: 1, code: '9102 + 9108', description: 'Photocopy; Blurry', sim: null, passed: false },
    { step: 'ocr', number: 2, code: 'Success', description: 'Success', sim: null, passed: true },
    { step: 'face', number: 1, code: 'FailedOperation.CompareLowSimilarity', description: 'The comparison similarity did not reach the passing standard.', sim: 65.5, passed: false }
  ])
  t.equal(view(v, CREATED, 60).attempts[2].passed, true, 'judged at the threshold given')
  let three = session()
  for (const code of ['9101', '9102', '9103'] as const) three = playOcrAttempt(three, { code }, null, ctx)
  t.equal(view(three).ocrRetriesLeft, 0)
  t.equal(pageHref('A B&C'), '?token=A%20B%26C')
})

t.test('presets offered: only those that fit the session, sorted by name; no face group on type 01', async t => {
  const names = (s: Parameters<typeof presetsFor>[0]) => presetsFor(s, SCENARIOS).map(sc => sc.name)
  t.strictSame(names({ type: '00', idType: 'ID_CARD', threshold: 70 }), ['abandon', 'expired', 'face-at-69', 'fail-face-spoofed', 'fail-ocr-blurry', 'pass'])
  t.strictSame(names({ type: '00', idType: 'PASSPORT', threshold: 70 }), ['abandon', 'expired', 'face-at-69', 'fail-face-spoofed', 'fail-ocr-blurry', 'pass', 'pass-passport'])
  t.strictSame(names({ type: '01', idType: 'ID_CARD', threshold: 70 }), ['abandon', 'expired', 'fail-ocr-blurry', 'pass'], 'face problems are no preset of an OCR-only session')
  const s00 = { type: '00', idType: 'ID_CARD', threshold: 70 } as const
  t.equal(scenarioPasses(SCENARIOS[0], s00), true)
  t.equal(scenarioPasses(SCENARIOS[1], s00), false)
  t.equal(scenarioPasses({ ...SCENARIOS[0], name: 'pass-then-expire', expire: true }, s00), false, 'a scenario that expires never passes, whatever it plays')
  t.equal(scenarioPasses(SCENARIOS[3], s00), false, 'an expiring scenario never passes')
  t.equal(scenarioPasses(SCENARIOS[6], s00), false, '69 is under the threshold')
  t.equal(scenarioPasses(SCENARIOS[6], { ...s00, threshold: 60 }), true)
  t.equal(scenarioPasses(SCENARIOS[0], { ...s00, type: '01' }), true, 'type 01 passes on its document alone')
})

t.test('the preset buttons: grouped in the catalogue\'s group order, each with its verdict', async t => {
  const s = view(session())
  const section = presetSection(s, SCENARIOS).value
  t.match(section, `<form method="post" action="?token=${TOKEN}">`)
  t.match(section, '<input type="hidden" name="action" value="scenario">')
  t.match(section, '<input type="hidden" name="at" value="0-0">')
  const groups = [...section.matchAll(/<h3 id="group-(\w+)">([^<]+)<\/h3> <span class="count">(\d+)<\/span>/g)].map(m => `${m[1]}:${m[2]}:${m[3]}`)
  t.strictSame(groups, ['passes:Passes:1', 'document:Document problems:1', 'face:Face problems:2', 'other:Other:2'])
  t.match(section, '<details class="group" open data-testid="group-passes-details">')
  t.match(section, '<div class="presets" role="group" aria-labelledby="group-face" data-testid="group-face">')
  t.match(section, '<button type="submit" name="scenario" value="pass" class="to-pass" data-testid="scenario-pass" data-outcome="pass" title="Reads &quot;cleanly&quot; &lt;b&gt;"><span class="verdict">✓ passes</span> Clean pass<span class="name">pass</span></button>')
  t.match(section, '<button type="submit" name="scenario" value="expired" class="to-fail" data-testid="scenario-expired" data-outcome="fail"><span class="verdict">✗ fails</span> Expired<span class="name">expired</span></button>', 'no title without a description')
  const ocrOnly = presetSection(view(session({ type: '01' })), SCENARIOS).value
  t.notMatch(ocrOnly, 'group-face')
  t.match(ocrOnly, 'data-testid="scenario-pass" data-outcome="pass"')
  t.equal(presetSection(view(session({ type: '01' })), SCENARIOS).value, ocrOnly, 'the same buttons again for the same kind')
  t.equal(presetSection(view(session()), SCENARIOS).value, section)
  const lower = presetSection(view(session(), CREATED, 60), SCENARIOS).value
  t.match(lower, 'data-testid="scenario-face-at-69" data-outcome="pass"', 'another threshold, other verdicts')
  t.match(section, 'data-testid="scenario-face-at-69" data-outcome="fail"')
})

t.test('the session summary: type, document, country, time left, retries, where the user returns', async t => {
  const open = sessionSummary(view(session())).value
  t.match(open, '<dd data-testid="session-type"><code>00</code> document + face + liveness</dd>')
  t.match(open, '<dd data-testid="session-document"><code>ID_CARD</code> Malaysian identity card</dd>')
  t.match(open, '<dd data-testid="session-country"><code>MYS</code></dd>')
  t.match(open, '<span role="timer" data-countdown data-seconds-left="840" data-testid="time-left">14:00</span>')
  t.match(open, '(until <time datetime="2025-02-01T14:11:47.000Z"')
  t.match(open, '<dd data-testid="ocr-retries-left">2 of 2</dd>')
  t.match(open, '<dd data-testid="face-retries-left">1 of 1</dd>')
  t.match(open, '<dd class="mono" data-testid="redirect-url">https://merchant.example/ekyc/return?order=42#done</dd>')
  const passport = sessionSummary(view(session({ type: '01', idType: 'PASSPORT', idCountry: 'GBR' }))).value
  t.match(passport, '<code>01</code> document only (OCR)')
  t.match(passport, '<code>PASSPORT</code> passport')
  t.notMatch(passport, 'face-retries-left', 'no face retries on an OCR-only session')
  t.match(sessionSummary(view(session({ finished: true }))).value, '<span data-testid="time-left">finished</span>')
  let twoFaces = playOcrAttempt(session(), { code: 'Success' }, null, ctx)
  twoFaces = playFaceAttempt(twoFaces, { code: 'FailedOperation.LivessDetectFake' }, ctx)
  twoFaces = playFaceAttempt(twoFaces, { code: 'FailedOperation.LivessDetectFake' }, ctx)
  t.match(sessionSummary(view(twoFaces)).value, '<dd data-testid="face-retries-left">0 of 1</dd>', 'both face attempts played: no retry left (the closed page shows it)')
  t.match(sessionSummary(view(session(), CREATED + 900_000 + 180_000)).value, '<span data-testid="time-left">expired 3 min ago, at <time datetime="2025-02-01T14:11:47.000Z"')
  t.match(sessionSummary(view(session(), CREATED + 900_000 + 180_000)).value, 'data-testid="expire-at"', "the expired link still names expire_at for the tests that read it")
})

t.test('the attempt list: each attempt passed or failed, with its code, description and similarity', async t => {
  t.equal(attemptList([]), false)
  let v = playOcrAttempt(session(), { code: '9108' }, null, ctx)
  v = playOcrAttempt(v, { code: 'Success' }, null, ctx)
  v = playFaceAttempt(v, { code: 'Success', sim: 88 }, ctx)
  const list = (attemptList(view(v).attempts) as SafeHtml).value
  t.match(list, '<li data-testid="attempt-ocr-1" class="failed">\n<strong>Failed</strong>: document attempt 1,\n<code>9108</code> Blurry</li>')
  t.match(list, '<li data-testid="attempt-ocr-2" class="passed">\n<strong>Passed</strong>: document attempt 2,\n<code>Success</code></li>', 'no description repeating the code')
  t.match(list, '<li data-testid="attempt-face-1" class="passed">\n<strong>Passed</strong>: face attempt 1,\n<code>Success</code> (similarity 88)</li>')
})

t.test('step by step: the OCR form offers the engine\'s own codes, the card or passport choice once', async t => {
  const card = (stepSection(view(session())) as SafeHtml).value
  t.match(card, '<p data-testid="step-title">Document (OCR): attempt 1 of 3</p>')
  t.match(card, '<input type="hidden" name="action" value="ocr">')
  t.match(card, '<select id="card-type" name="card_type" data-testid="card-type">\n<option value="MyKad">MyKad</option><option value="MyPR">MyPR</option>')
  t.match(card, '<option value="Success">Success: the document reads cleanly</option>')
  t.match(card, '<option value="9101">9101: Document covered or border incomplete</option>')
  t.match(card, '<option value="warnings">Several card warnings: the ones ticked below</option>')
  t.match(card, '<option value="FailedOperation.NoMASIDCard">FailedOperation.NoMASIDCard: The image does not contain a Malaysian ID card.</option>')
  t.notMatch(card, 'FailedOperation.NoPassport', 'no passport engine code on a card session')
  t.match(between(card, 'data-testid="ocr-unlisted"', '</optgroup>'), '<option value="InvalidParameter.EngineImageDecodeFailed">')
  t.match(card, '<input type="checkbox" name="warning" value="9108" data-testid="warning-9108"> 9108: Blurry</label>')
  t.match(card, '<button type="submit" class="primary" data-testid="play-ocr">Play document attempt 1</button>')

  const passport = (stepSection(view(session({ idType: 'PASSPORT', idCountry: 'GBR' }))) as SafeHtml).value
  t.match(passport, '<input type="checkbox" name="passport_expired" value="1" data-testid="passport-expired"> The passport has expired</label>')
  t.notMatch(passport, 'card-type')
  t.match(passport, '<option value="FailedOperation.NoPassport">')
  t.notMatch(passport, 'NoMASIDCard')

  const second = (stepSection(view(playOcrAttempt(session(), { code: '9108' }, null, ctx))) as SafeHtml).value
  t.match(second, 'attempt 2 of 3')
  t.match(second, 'Play document attempt 2')
  t.match(second, '<input type="hidden" name="at" value="1-0">')
  t.notMatch(second, 'card-type', 'the card is chosen on the first attempt only')
  t.notMatch(second, /^(true|false)$/m, 'no stray value where the choice was')
})

t.test('step by step: the face form after the document passed, then nothing once done', async t => {
  const v = playOcrAttempt(session(), { code: 'Success' }, null, ctx)
  const face = (stepSection(view(v, CREATED, 75.5)) as SafeHtml).value
  t.match(face, '<p data-testid="step-title">Face and liveness: attempt 1 of 2</p>')
  t.match(face, '<input type="hidden" name="action" value="face">')
  t.match(face, '<option value="Success">Success: same person, live</option>')
  t.match(face, '<option value="FailedOperation.LivessDetectFake">FailedOperation.LivessDetectFake: Suspected spoofed recording.</option>')
  t.match(between(face, 'data-testid="face-unlisted"', '</optgroup>'), '<option value="UnauthorizedOperation.Arrears">UnauthorizedOperation.Arrears: The account is in arrears.</option>')
  t.match(face, 'Success under the threshold of 75.5 becomes')
  t.match(face, 'Play face attempt 1')
  t.match((stepSection(view(playFaceAttempt(v, { code: 'FailedOperation.LivessDetectFake' }, ctx))) as SafeHtml).value, 'Play face attempt 2')
  t.equal(stepSection(view(playFaceAttempt(v, { code: 'Success' }, ctx))), false)
  t.equal(stepSection(view(playOcrAttempt(session({ type: '01' }), { code: 'Success' }, null, ctx))), false, 'an OCR-only session is done at its pass')
})

t.test('the ways out: give up and let the link expire, both stamped', async t => {
  const exits = exitSection(view(session())).value
  t.match(exits, `<form method="post" action="?token=${TOKEN}">\n<input type="hidden" name="action" value="give-up"><input type="hidden" name="at" value="0-0">`)
  t.match(exits, '<input type="hidden" name="action" value="expire"><input type="hidden" name="at" value="0-0">')
  t.match(exits, 'data-testid="give-up">Give up and go back</button>')
  t.match(exits, 'data-testid="expire-link">Let the link expire</button>')
})

t.test('the open page: presets until the first attempt, then the step-by-step mode only', async t => {
  const fresh = verificationPage(view(session()), SCENARIOS)
  t.match(fresh, '<title>Verify your identity · eKYC sandbox</title>')
  t.match(fresh, '<h1>Verify your identity</h1>')
  t.match(fresh, 'data-testid="presets"')
  t.match(fresh, 'data-testid="step-by-step"')
  t.match(fresh, 'data-testid="exits"')
  t.notMatch(fresh, 'data-testid="attempts"')
  const started = verificationPage(view(playOcrAttempt(session(), { code: '9108' }, null, ctx)), SCENARIOS)
  t.notMatch(started, 'data-testid="presets"')
  t.match(started, 'data-testid="attempts"')
})

t.test('the closed page: the outcome in words, the latest error, the one way back', async t => {
  const passed = view(playFaceAttempt(playOcrAttempt(session(), { code: 'Success' }, null, ctx), { code: 'Success' }, ctx))
  const page = closedPage(passed)
  t.match(page, '<title>Verification finished · eKYC sandbox</title>')
  t.match(page, '<p class="outcome passed" data-testid="outcome">Verification passed.</p>')
  t.match(page, `<a class="button primary" href="https://merchant.example/back?is_success=0" data-testid="return-link">Back to the merchant (is_success=1)</a>`)
  t.notMatch(page, 'latest-error')
  t.notMatch(page, 'role="alert"')

  const failed = view(playOcrAttempt(playOcrAttempt(playOcrAttempt(session(), { code: '9101' }, null, ctx), { code: '9102' }, null, ctx), { code: '9103' }, null, ctx))
  const failedPage = closedPage(failed, 'Verification already finished. Nothing was applied.')
  t.match(failedPage, '<p class="outcome failed" data-testid="outcome">Verification did not pass.</p>')
  t.match(failedPage, '<p>Latest error: <code data-testid="latest-error">9103</code></p>')
  t.match(failedPage, '<p role="alert" data-testid="note">Verification already finished. Nothing was applied.</p>')
  t.match(failedPage, '(is_success=0)')

  t.match(closedPage(view(session({ finished: true }))), 'The user left without an attempt.')
  const expired = closedPage(view(session(), CREATED + 900_000))
  t.match(expired, '<title>This link has expired · eKYC sandbox</title>')
  t.match(expired, '<h1 data-testid="closed-title">This link has expired</h1>')
  t.match(expired, 'The link expired before the verification finished. Nothing more can be played.')
  t.match(expired, '(is_success=0)')
})

t.test('the error page: the status, the message, the known scenarios, the way back to the page', async t => {
  const notFound = errorPage({ status: 404, message: 'Verification not found.' })
  t.match(notFound, '<h1 data-testid="error-title">Not found</h1>')
  t.match(notFound, '<title>Not found · eKYC sandbox</title>')
  t.match(notFound, '<p data-testid="error-message">Verification not found.</p>')
  t.match(notFound, 'HTTP status <code data-testid="error-status">404</code>. Nothing was applied to the session.')
  t.notMatch(notFound, 'back-to-page')
  t.notMatch(notFound, 'known-scenarios')
  const unknown = errorPage({ status: 422, message: 'Unknown scenario "x<y".', knownScenarios: ['pass', 'expired'], pageUrl: '?token=T' })
  t.match(unknown, '<h1 data-testid="error-title">Error 422</h1>')
  t.match(unknown, 'Unknown scenario &quot;x&lt;y&quot;.')
  t.match(unknown, '<a class="button" href="?token=T" data-testid="back-to-page">Back to the verification page</a>')
  t.match(unknown, '<h2 id="known-heading">Known scenarios</h2>\n<ul class="names">\n<li><code>pass</code></li><li><code>expired</code></li>\n</ul>')
})

t.test('every page: the banner, one stylesheet and one script allowed by hash, and strict headers', async t => {
  const page = pageLayout('T<', html`<p>x</p>`)
  t.match(page, /^<!doctype html>\n<html lang="en">/)
  t.match(page, '<title>T&lt; · eKYC sandbox</title>')
  t.match(page, '<meta name="robots" content="noindex">')
  t.match(page, '<strong>SANDBOX</strong>')
  t.match(page, '<main>\n<p>x</p>\n</main>')
  t.match(page, `<script>${COUNTDOWN_JS};\n${ENHANCE_JS};</script>`, 'the countdown and the local-time script, the ones the hash allows')
  t.match(COUNTDOWN_JS, "document.querySelector('[data-countdown]')", 'the countdown script is there')
  t.match(ENHANCE_JS, "document.querySelectorAll('time[data-local]')", 'so is the local-time one')
  const csp = contentSecurityPolicy()
  const parts = csp.split('; ')
  t.equal(parts[0], "default-src 'none'")
  t.match(parts[1], /^style-src 'sha256-[A-Za-z0-9+/]{43}='$/)
  t.match(parts[2], /^script-src 'sha256-[A-Za-z0-9+/]{43}='$/)
  t.not(parts[1].slice(10), parts[2].slice(11), 'style and script have their own hashes')
  t.strictSame(parts.slice(3), ['img-src data:', "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"])
  t.match(contentSecurityPolicy('https://shop.example:8443/back?x=1'), "form-action 'self' https://shop.example:8443;")
  t.match(contentSecurityPolicy('http://[::1]:3000/back'), "form-action 'self' http://[::1]:3000;")
  t.match(contentSecurityPolicy('http://localhost:5173/back'), "form-action 'self' http://localhost:5173;", 'plain http, as a local dev server')
  t.match(contentSecurityPolicy('http://[::1]/back'), "form-action 'self' http://[::1];", 'an IPv6 origin without a port')
  t.match(contentSecurityPolicy('myapp://callback'), "form-action 'self' myapp:;", 'an app scheme: the scheme alone')
  t.match(contentSecurityPolicy('not a url'), "form-action 'self';")
  t.strictSame(pageHeaders('https://shop.example/x'), {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy('https://shop.example/x'),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY'
  })
})

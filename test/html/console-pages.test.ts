import t from 'tap'
import { cataloguePage } from '../../src/html/console/catalogue.js'
import { EMPTY_FORM, type FormState } from '../../src/html/console/fields.js'
import { homePage, type HomeState } from '../../src/html/console/home.js'
import { journalPage } from '../../src/html/console/journal.js'
import { merchantPage } from '../../src/html/console/merchant.js'
import { NEW_SESSION_PATH, newSessionForm } from '../../src/html/console/new-session.js'
import { completePath, expirePath, sessionDetailPage, type SessionDetailState } from '../../src/html/console/session-detail.js'
import { sessionHref, sessionListPage } from '../../src/html/console/sessions.js'
import { PASSPORT_COUNTRY_LIST } from '../../src/domain/documents.js'
import { OCR_CODES } from '../../src/domain/ocr-codes.js'
import { catalogueEntry } from '../../src/routes/sandbox/scenarios.js'
import type { SessionView } from '../../src/routes/console/control-plane.js'
import type { Scenario } from '../../src/schemas/scenario.js'
import { HOSTILE, ESCAPED, TOKEN, CREATED, JOURNAL, ctx, csrf, session, SCENARIOS, between, navLabels, count, preJson, labels, optionValues, refused } from './console-fixtures.js'

// The operator console's pages for reading and playing sessions, built from plain values without
// the app: home, new session, journal, sessions, a session's detail, the merchant, the catalogue.

t.test('the new-session form: posts to the console with its token, fresh defaults, the mode\'s hint', async t => {
  const open = newSessionForm(ctx, EMPTY_FORM, false).value
  t.match(open, '<h2 id="new-session-heading">Start a test session</h2>')
  t.equal(NEW_SESSION_PATH, '/console/sessions')
  t.match(open, `<form method="post" action="/console/sessions" data-testid="new-session">\n${csrf('/console/sessions')}\n\n`, 'the token first, no error')
  t.match(open, '<input type="text" id="new-session-client_id" name="client_id" value="qa" data-testid="new-session-client_id">')
  t.match(open, '<p class="hint">Open mode: the console sends the secret &quot;qa-console&quot; for every client_id (a client_id first used with another secret answers 401).</p>')
  t.notMatch(open, 'Strict mode')
  t.match(open, '<select id="new-session-type" name="type" data-testid="new-session-type">\n<option value="00" selected>00: document + face + liveness</option><option value="01">01: document only (OCR)</option>\n</select>')
  t.match(open, '<option value="ID_CARD" selected>ID_CARD: Malaysian identity card</option><option value="PASSPORT">PASSPORT</option>')
  t.match(open, '<input type="text" id="new-session-id_country" name="id_country" value="MYS" data-testid="new-session-id_country">')
  t.match(open, `<p class="hint">ID_CARD: MYS. PASSPORT: ${PASSPORT_COUNTRY_LIST.join(', ')}.</p>`)
  t.match(open, '<input type="url" id="new-session-redirect_url" name="redirect_url" value="" placeholder="empty: the stand-in merchant" data-testid="new-session-redirect_url">')
  t.strictSame(labels(open), ['new-session-client_id: client_id', 'new-session-type: type', 'new-session-id_type: id_type', 'new-session-id_country: id_country', 'new-session-redirect_url: redirect_url', 'new-session-wallet_address: wallet_address (optional)'])
  t.match(open, '<p class="hint">Leave empty to come back to the stand-in merchant, which shows the is_success it received and the record its backend reads.</p>')
  t.match(open, '<div class="actions"><button type="submit" class="primary" data-testid="create-session">Create session</button></div>\n</form>\n</section>')
  const strict = newSessionForm(ctx, EMPTY_FORM, true).value
  t.match(strict, '<p class="hint">Strict mode: the console sends the secret EKYC_CLIENTS lists for this client_id.</p>')
  t.notMatch(strict, 'Open mode')

  const state: FormState = {
    values: { client_id: HOSTILE, type: '01', id_type: 'PASSPORT', id_country: 'JPN', redirect_url: 'ftp://x', wallet_address: '0xabc' },
    error: refused({ redirect_url: ['The redirect url field must be a valid URL.'] })
  }
  const refusedForm = newSessionForm(ctx, state, false).value
  t.match(refusedForm, `${csrf('/console/sessions')}\n<p class="form-error" role="alert" data-testid="new-session-error">The given data was invalid. <span class="hint">(HTTP 422; nothing was applied)</span></p>`)
  t.match(refusedForm, `name="client_id" value="${ESCAPED}" data-testid`)
  t.match(refusedForm, '<option value="00">00: document + face + liveness</option><option value="01" selected>')
  t.match(refusedForm, '<option value="ID_CARD">ID_CARD: Malaysian identity card</option><option value="PASSPORT" selected>PASSPORT</option>')
  t.match(refusedForm, 'value="JPN"')
  t.match(refusedForm, 'value="ftp://x" placeholder="empty: the stand-in merchant" aria-invalid="true" aria-describedby="new-session-redirect_url-error"')
  t.match(refusedForm, '<p class="field-error" id="new-session-redirect_url-error" data-testid="error-redirect_url">The redirect url field must be a valid URL.</p>')
  t.match(refusedForm, 'value="0xabc"')
  t.notMatch(refusedForm, '<script')
})

t.test('the home page: what this is, where things are, the state at a glance', async t => {
  const quiet: HomeState = { clock: { now: CREATED, offset_ms: 0 }, arms: [], faults: [], sessions: 0, outcomes: { open: 0, passed: 0, failed: 0, expired: 0 }, counted: 0, strictMode: false }
  const page = homePage(ctx, quiet, EMPTY_FORM)
  t.match(page, '<title>Console · eKYC sandbox console</title>')
  t.match(page, '<h1>eKYC sandbox console</h1>')
  t.strictSame(navLabels(page), ['Home*', 'Sessions', 'Steering', 'Journal', 'Catalogue', 'API docs'])
  t.match(page, '<p data-testid="about">An offline stand-in for the MasChain eKYC API.')
  t.match(page, `<form method="post" action="/console/sessions" data-testid="new-session">\n${csrf('/console/sessions')}`)
  t.match(page, 'Open mode:')
  t.match(homePage(ctx, { ...quiet, strictMode: true }, EMPTY_FORM), 'Strict mode:', 'the mode reaches the form')
  t.match(homePage(ctx, quiet, { values: { client_id: 'shop' } }), 'name="client_id" value="shop"', 'the posted form reaches it too')
  const where = between(page, '<section aria-labelledby="where-heading" data-testid="where">', '</section>')
  t.strictSame([...where.matchAll(/href="([^"]+)"/g)].map(m => m[1]), ['/documentation', '/documentation/json', '/console/scenarios', '/console/steering', '/console/sessions', '/console/journal'])
  t.match(page, `<dt>Clock</dt><dd><time datetime="${CREATED}" data-testid="clock-now">`)
  t.match(page, '<dt>Sessions held</dt><dd><a href="/console/sessions" data-testid="session-count">0</a></dd>')
  t.notMatch(page, 'outcome-counts', 'no session, nothing to count')
  t.match(page, '<dd data-testid="arm-count">nothing</dd>')
  t.match(page, '<dd data-testid="fault-count">none</dd>')
  t.notMatch(page, '<h3>')

  const busy: HomeState = {
    ...quiet,
    clock: { now: CREATED, offset_ms: 120_000 },
    arms: [{ scenario: 'pass', client_id: 'qa', remaining: 1 }],
    faults: [{ route: 'get', status: 500, latency_ms: null, client_id: null, remaining: 3 }, { route: 'page', status: null, latency_ms: 10, client_id: null, remaining: 1 }],
    sessions: 4,
    outcomes: { open: 1, passed: 2, failed: 0, expired: 1 },
    counted: 4
  }
  const full = homePage(ctx, busy, EMPTY_FORM)
  t.match(full, '<dt>Of them</dt><dd data-testid="outcome-counts"><a href="/console/sessions?outcome=open">1 open</a>, <a href="/console/sessions?outcome=passed">2 passed</a>, <a href="/console/sessions?outcome=failed">0 failed</a>, <a href="/console/sessions?outcome=expired">1 expired</a></dd>')
  t.match(full, 'data-testid="session-count">4</a>')
  t.match(full, '(moved ahead by 2 min 0 s)')
  t.match(full, '<dd data-testid="arm-count">1 arm</dd>')
  t.match(full, '<dd data-testid="fault-count">2 waiting</dd>')
  t.match(full, '<h3>Arms</h3><div class="scroll"><table data-testid="arms">')
  t.match(full, '<h3>Faults</h3><div class="scroll"><table data-testid="faults">')
  t.match(homePage(ctx, { ...busy, arms: [busy.arms[0], busy.arms[0]] }, EMPTY_FORM), '<dd data-testid="arm-count">2 arms</dd>')
  t.match(homePage(ctx, { ...busy, sessions: 600, counted: 500 }, EMPTY_FORM), '<dt>Of the newest 500</dt><dd data-testid="outcome-counts">')
})

t.test('the journal page: the filter form keeps what was asked, says what it cannot read, lists the calls', async t => {
  const page = journalPage(ctx, { rows: JOURNAL, filters: { values: {} } })
  t.match(page, '<title>Journal · eKYC sandbox console</title>')
  t.match(page, '<h1>Journal</h1>')
  t.strictSame(navLabels(page), ['Home', 'Sessions', 'Steering', 'Journal*', 'Catalogue', 'API docs'])
  t.match(page, '<form method="get" action="/console/journal" class="filters" data-testid="journal-filters">\n\n<div><label for="journal-client_id">client_id</label>')
  t.notMatch(page, 'csrf', 'a GET form carries no token')
  t.match(page, '<select id="journal-route" name="route" data-testid="journal-route">\n<option value="" selected>any</option><option value="create">create</option><option value="get">get</option><option value="page">page</option>\n</select>')
  t.strictSame(labels(page), ['journal-client_id: client_id', 'journal-route: Route', 'journal-status: Status (e.g. 422 or 4xx)'])
  t.match(page, '<button type="submit" data-testid="journal-filter-submit">Show</button>')
  t.match(page, '<h2 id="journal-heading">Recent calls, newest first</h2>')
  t.match(page, `<a href="/console/sessions/${TOKEN}">`, 'tokens link to their session')

  const text = `Unknown route "${HOSTILE}": choose one of create, get, page.`
  const bad = journalPage(ctx, { rows: [], filters: { values: { client_id: HOSTILE, route: HOSTILE, status: '4xx' }, error: refused({ route: [text] }, text) } })
  t.match(bad, `data-testid="journal-filters">\n<p class="form-error" role="alert" data-testid="journal-filter-error">Unknown route &quot;${ESCAPED}&quot;`)
  t.match(bad, `<p class="field-error" id="journal-route-error" data-testid="error-route">Unknown route &quot;${ESCAPED}&quot;`)
  t.match(bad, `id="journal-client_id" name="client_id" value="${ESCAPED}"`)
  t.match(bad, 'name="status" value="4xx"')
  t.notMatch(bad, ' selected', 'a route it does not know selects nothing')
  t.match(bad, 'data-testid="no-journal"')
  t.notMatch(bad, '<script')
  t.match(journalPage(ctx, { rows: [], filters: { values: { route: 'page' } } }), '<option value="">any</option><option value="create">create</option><option value="get">get</option><option value="page" selected>page</option>')
})

t.test('the session list: newest first as given, each with its link, client, type, outcome, latest_error and age', async t => {
  const now = Date.parse(CREATED) + 125_000
  const sessions = [
    session({ token: 'OPEN', client_id: HOSTILE }, { type: '01', ocr_type: 'PASSPORT', created_at: '2025-02-01T13:58:52.000Z' }),
    session({ token: 'PASSED', finished: true, armed_scenario: 'pass' }, { is_success: 1 }),
    session({ token: 'FAILED', finished: true, expired: true }, { latest_error: '9108' }),
    session({ token: 'A/B', expired: true }, { created_at: '2025-02-01T14:00:00.000Z' })
  ]
  const page = sessionListPage(ctx, { sessions, now, filters: { values: {} }, limit: 500 })
  t.match(page, '<title>Sessions · eKYC sandbox console</title>')
  t.strictSame(navLabels(page), ['Home', 'Sessions*', 'Steering', 'Journal', 'Catalogue', 'API docs'])
  t.match(page, '<form method="get" action="/console/sessions" class="filters" data-testid="session-filters">\n\n<div>')
  t.match(page, '<select id="filter-outcome" name="outcome" data-testid="filter-outcome">\n<option value="" selected>any</option><option value="open">open</option><option value="passed">passed</option><option value="failed">failed</option><option value="expired">expired</option>\n</select>')
  t.match(page, '<button type="submit" data-testid="filter-submit">Show</button>')
  t.strictSame(labels(page), ['filter-client_id: client_id', 'filter-outcome: Outcome'])
  t.match(page, '<p class="hint">The newest 500 sessions, filtered; ages on the sandbox clock.</p>')
  t.match(page, '<thead><tr><th>Token</th><th>Client</th><th>Type</th><th>Outcome</th><th>latest_error</th><th>Age</th></tr></thead>')
  const rows = page.split('<tr data-testid="session-row">').slice(1)
  t.equal(rows.length, 4)
  t.match(rows[0], `<td><a class="mono" href="/console/sessions/OPEN" data-testid="session-token">OPEN</a></td>\n<td data-testid="session-client">${ESCAPED}</td>\n<td><code>01</code> <code>PASSPORT</code></td>\n<td data-testid="session-outcome" class="">open</td>\n<td data-testid="session-latest-error">-</td>\n<td data-testid="session-age">0 s</td>`)
  t.match(rows[1], '<td data-testid="session-outcome" class="passed">passed (armed: <code>pass</code>)</td>')
  t.match(rows[1], '<td><code>00</code> <code>ID_CARD</code></td>')
  t.match(rows[1], '<td data-testid="session-age">2 min 5 s</td>')
  t.match(rows[2], '<td data-testid="session-outcome" class="failed">failed</td>\n<td data-testid="session-latest-error"><code>9108</code></td>')
  t.match(rows[3], '<a class="mono" href="/console/sessions/A%2FB" data-testid="session-token">A/B</a>')
  t.match(rows[3], '<td data-testid="session-outcome" class="">expired</td>')
  t.match(rows[3], '<td data-testid="session-age">0 s</td>', 'created after now: no negative age')
  t.notMatch(page, '<script')
  t.equal(sessionHref('A B/?#'), '/console/sessions/A%20B%2F%3F%23')

  const filtered = sessionListPage(ctx, { sessions: [], now, filters: { values: { client_id: HOSTILE, outcome: 'passed' } }, limit: 20 })
  t.match(filtered, `The newest 20 sessions of <code>${ESCAPED}</code>, filtered;`)
  t.match(filtered, '<option value="passed" selected>passed</option>')
  t.match(filtered, '<p class="empty" data-testid="no-sessions">No session matches.</p>')
  t.notMatch(filtered, 'data-testid="sessions"')
  t.match(sessionListPage(ctx, { sessions: [], now, filters: { values: { client_id: '' } }, limit: 20 }), 'The newest 20 sessions, filtered;', 'an empty client filter names no client')
  const text = 'Unknown outcome "maybe": choose one of open, passed, failed, expired.'
  const bad = sessionListPage(ctx, { sessions: [], now, filters: { values: { outcome: 'maybe' }, error: refused({ outcome: [text] }, text) }, limit: 500 })
  t.match(bad, '<p class="form-error" role="alert" data-testid="filter-error">Unknown outcome &quot;maybe&quot;')
  t.match(bad, '<p class="field-error" id="filter-outcome-error" data-testid="error-outcome">Unknown outcome')
})

function detail (v: SessionView, extra: Partial<SessionDetailState> = {}): string {
  return sessionDetailPage(ctx, { view: v, journal: [], scenarios: SCENARIOS, threshold: 70, ...extra })
}

t.test('the session detail: summary, the record and the sandbox view apart, attempts, calls', async t => {
  const v = session({ armed_scenario: 'pass', attempts: { ocr: [{ code: ['9102', '9108'] }, { code: 'Success' }], face: [{ code: 'FailedOperation.CompareLowSimilarity', sim: 65.5 }, { code: 'Success' }] } }, { latest_error: '9108' })
  const page = detail(v, { journal: JOURNAL.slice(0, 1) })
  t.match(page, `<title>Session ${TOKEN} · eKYC sandbox console</title>`)
  t.match(page, `<h1>Session <code data-testid="detail-token">${TOKEN}</code></h1>`)
  t.strictSame(navLabels(page), ['Home', 'Sessions*', 'Steering', 'Journal', 'Catalogue', 'API docs'])
  t.notMatch(page, 'data-testid="notice"')
  t.match(detail(v, { created: true }), `</h1>\n<p class="notice" role="status" data-testid="notice">Session created. Open its link to play it as the user.</p>`)
  t.notMatch(detail(v, { created: false }), 'data-testid="notice"')
  t.match(page, `<dt>Hosted page</dt><dd><a class="mono" href="http://localhost:3939/verifications?token=${TOKEN}" data-testid="session-link">http://localhost:3939/verifications?token=${TOKEN}</a></dd>`)
  t.match(page, '<dt>Client</dt><dd data-testid="detail-client">qa</dd>')
  t.match(page, '<dt>Outcome</dt><dd data-testid="detail-outcome">open (armed: <code>pass</code>)</dd>')
  t.match(page, '<dt>latest_error</dt><dd><code>9108</code></dd>')
  t.match(detail(session()), '<dt>Outcome</dt><dd data-testid="detail-outcome">open</dd>\n<dt>latest_error</dt><dd>-</dd>')
  t.match(page, '<dt>Returns to</dt><dd class="mono" data-testid="detail-return-url">https://merchant.example/back?is_success=0</dd>')
  t.match(page, '<ol data-testid="attempts"><li data-testid="attempt-ocr-1">document attempt 1: <code>9102 + 9108</code></li><li data-testid="attempt-ocr-2">document attempt 2: <code>Success</code></li><li data-testid="attempt-face-1">face attempt 1: <code>FailedOperation.CompareLowSimilarity</code> (similarity 65.5)</li><li data-testid="attempt-face-2">face attempt 2: <code>Success</code></li></ol>')
  t.match(detail(session()), '<p class="empty" data-testid="no-attempts">No attempt played yet.</p>')
  t.strictSame(preJson(page, 'record-json'), v.record, 'the record exactly')
  const { record: _record, ...sandbox } = v
  t.strictSame(preJson(page, 'sandbox-json'), sandbox, 'the sandbox\'s view, without the record')
  const calls = between(page, '<h2 id="calls-heading">', '</section>')
  t.match(calls, `<td class="mono" data-testid="journal-call">GET /api/ekyc/verifications/${TOKEN}</td>`)
  t.match(calls, `<td class="mono">${TOKEN}</td>`, 'no link to the page it is on')
  t.match(detail(session()), '<h2 id="calls-heading">Calls about this session</h2>\n<p class="empty" data-testid="no-journal">')
})

t.test('the session detail\'s actions on an open session: finish by scenario or inline, expire, each with its token', async t => {
  const page = detail(session())
  const complete = completePath(TOKEN)
  t.equal(complete, `/console/sessions/${TOKEN}/complete`)
  t.equal(expirePath(TOKEN), `/console/sessions/${TOKEN}/expire`)
  t.equal(completePath('A/B'), '/console/sessions/A%2FB/complete')
  t.match(page, `<form method="post" action="${complete}" data-testid="complete-scenario-form">\n${csrf(complete)}\n\n<input type="hidden" name="mode" value="scenario">`)
  const scenarioSelect = between(page, '<select id="complete-scenario"', '</select>')
  t.strictSame(optionValues(scenarioSelect), ['abandon', 'expired', 'face-at-69', 'face-only', 'fail-face-spoofed', 'fail-ocr-mixed', 'pass'], 'only what fits a 00 ID_CARD session, by name')
  t.match(scenarioSelect, '<option value="pass">pass: Clean pass</option>')
  t.match(page, '<button type="submit" class="primary" data-testid="complete-scenario-submit">Finish with this scenario</button>')
  t.match(page, `<form method="post" action="${complete}" data-testid="complete-inline-form">\n${csrf(complete)}\n\n<input type="hidden" name="mode" value="inline">`)
  const PASSPORT_ONLY = ['FailedOperation.NoPassport', 'FailedOperation.InconsistencyBetweenMRZAndVRZ', 'FailedOperation.FieldException', 'ResourceUnavailable.InArrears']
  const CARD_ONLY = ['FailedOperation.NoMASIDCard', 'FailedOperation.ImageNoSpecifiedCard', 'InvalidParameter.EngineImageDecodeFailed']
  t.strictSame(optionValues(between(page, '<select id="inline-ocr_code"', '</select>')), OCR_CODES.filter(c => !PASSPORT_ONLY.includes(c)), 'the card engine\'s codes')
  const faceSelect = between(page, '<select id="inline-face_code"', '</select>')
  t.match(faceSelect, '<option value="" selected>none: stop after the document</option><option value="Success">Success</option>')
  t.match(faceSelect, '<option value="FailedOperation.LivessDetectFake">FailedOperation.LivessDetectFake</option>')
  t.strictSame(labels(page), ['complete-scenario: Finish with a scenario', 'inline-ocr_code: Or inline: the document attempt&#39;s code', 'inline-face_code: the face attempt&#39;s code', 'inline-sim: similarity 0 to 100 (empty: the default)'])
  t.match(page, '<label for="inline-sim">similarity 0 to 100 (empty: the default)</label>\n<input type="number" id="inline-sim" name="sim" value="" step="any" data-testid="inline-sim">')
  t.match(page, '<button type="submit" class="primary" data-testid="complete-inline-submit">Finish inline</button>')
  t.match(page, `<form method="post" action="${expirePath(TOKEN)}" data-testid="expire-form">\n${csrf(expirePath(TOKEN))}\n<button type="submit" class="danger" data-testid="expire-submit">Let the link expire now</button>\n</form>`)
  t.match(page, `<a class="button" href="http://localhost:3939/verifications?token=${TOKEN}" data-testid="open-hosted-page">Open the hosted page</a>`)
  t.notMatch(page, 'closed-hint')
  t.notMatch(page, 'role="alert"')

  const ocrOnly = detail(session({}, { type: '01', ocr_type: 'PASSPORT', ocr_country: 'JPN' }))
  t.strictSame(optionValues(between(ocrOnly, '<select id="complete-scenario"', '</select>')), ['abandon', 'expired', 'face-only', 'fail-ocr-mixed', 'pass', 'pass-ocr-only', 'pass-passport'], 'no face problem on an OCR-only session')
  t.strictSame(optionValues(between(ocrOnly, '<select id="inline-ocr_code"', '</select>')), OCR_CODES.filter(c => !CARD_ONLY.includes(c)), 'the passport engine\'s codes')
  t.notMatch(ocrOnly, 'inline-face_code', 'no face step on type 01')
  t.notMatch(ocrOnly, 'inline-sim')
  t.match(detail(session({}, { type: '01' }), { threshold: 60 }), '<option value="face-at-69">face-at-69: Just under</option>', 'the threshold decides what fits')
  t.notMatch(detail(session({}, { type: '01' })), 'value="face-at-69"')
})

t.test('the session detail\'s refusals show by their own form; a closed session offers no way to play', async t => {
  const scenarioRefused = detail(session(), { failed: { form: 'complete-scenario', state: { values: { mode: 'scenario', scenario: 'pass' }, error: refused({ scenario: ['Unknown scenario.'] }, 'Bad scenario.') } } })
  t.match(scenarioRefused, `${csrf(completePath(TOKEN))}\n<p class="form-error" role="alert" data-testid="complete-scenario-error">Bad scenario. <span class="hint">(HTTP 422; nothing was applied)</span></p>\n<input type="hidden" name="mode" value="scenario">`)
  t.match(scenarioRefused, '<option value="pass" selected>pass: Clean pass</option>')
  t.match(scenarioRefused, '<p class="field-error" id="complete-scenario-error" data-testid="error-scenario">Unknown scenario.</p>')
  t.notMatch(scenarioRefused, 'complete-inline-error')
  t.notMatch(scenarioRefused, 'expire-error')

  const inlineRefused = detail(session(), { failed: { form: 'complete-inline', state: { values: { ocr_code: '9108', face_code: 'Success', sim: '150' }, error: refused({ sim: ['sim must be <= 100'] }) } } })
  t.match(inlineRefused, 'data-testid="complete-inline-error">The given data was invalid.')
  t.match(inlineRefused, '<option value="9108" selected>9108</option>')
  t.match(inlineRefused, 'name="sim" value="150" aria-invalid="true" aria-describedby="inline-sim-error" step="any"')
  t.match(inlineRefused, '<p class="field-error" id="inline-sim-error" data-testid="error-sim">sim must be &lt;= 100</p>')
  t.notMatch(inlineRefused, 'data-testid="complete-scenario-error"')

  const expireRefused = detail(session(), { failed: { form: 'expire', state: { values: {}, error: { status: 409, message: 'Verification expired.' } } } })
  t.match(expireRefused, '</form>\n<p class="form-error" role="alert" data-testid="expire-error">Verification expired. <span class="hint">(HTTP 409; nothing was applied)</span></p>\n<a class="button"')

  for (const [v, word] of [[session({ finished: true }, { is_success: 1 }), 'passed'], [session({ finished: true }), 'failed'], [session({ expired: true }), 'expired'], [session({ finished: true, expired: true }, { is_success: 1 }), 'passed']] as const) {
    const closed = detail(v)
    t.match(closed, `<p class="hint" data-testid="closed-hint">This session is ${word}: nothing more can be played (the control plane answers 409).</p>`, word)
    t.match(closed, `<dd data-testid="detail-outcome">${word}</dd>`)
    t.notMatch(closed, '<form', `${word}: no form at all`)
    t.match(closed, 'data-testid="open-hosted-page"')
  }
  const late = detail(session({ finished: true }), { failed: { form: 'complete-scenario', state: { values: {}, error: { status: 409, message: 'Verification already finished.' } } } })
  t.match(late, '(the control plane answers 409).</p>\n<p class="form-error" role="alert" data-testid="complete-scenario-error">Verification already finished.', 'a refusal from a second tab still shows')
  const lateInline = detail(session({ finished: true }), { failed: { form: 'complete-inline', state: { values: {}, error: { status: 409, message: 'Verification already finished.' } } } })
  t.match(lateInline, '(the control plane answers 409).</p>\n<p class="form-error" role="alert" data-testid="complete-inline-error">')

  const hostile = detail(session({ token: HOSTILE, client_id: HOSTILE, armed_scenario: HOSTILE, page_url: HOSTILE, return_url: HOSTILE }, { latest_error: HOSTILE }))
  t.notMatch(hostile, '<script')
  t.match(hostile, `<code data-testid="detail-token">${ESCAPED}</code>`)
  t.match(hostile, `<a class="mono" href="${ESCAPED}" data-testid="session-link">${ESCAPED}</a>`)
  t.match(hostile, `action="/console/sessions/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E/complete"`)
  t.match(hostile, `data-testid="detail-client">${ESCAPED}</dd>`)
  t.match(hostile, `(armed: <code>${ESCAPED}</code>)`)
  t.match(hostile, `<dt>latest_error</dt><dd><code>${ESCAPED}</code></dd>`)
  t.match(hostile, `data-testid="detail-return-url">${ESCAPED}</dd>`)
})

t.test('the stand-in merchant: what the redirect brought, the session, and what its backend read', async t => {
  const none = merchantPage(ctx, { isSuccess: undefined, clientId: undefined, token: null, read: null })
  t.match(none, '<title>Stand-in merchant · eKYC sandbox console</title>')
  t.match(none, '<h1>Stand-in merchant: the user is back</h1>')
  t.strictSame(navLabels(none), ['Home', 'Sessions', 'Steering', 'Journal', 'Catalogue', 'API docs'], 'not a page of the nav: nothing current')
  t.match(none, '<dt>is_success</dt><dd class="outcome failed" data-testid="return-is-success">(none)</dd>')
  t.match(none, '<dt>client_id</dt><dd data-testid="return-client">(none)</dd>')
  t.match(none, '<dt>Session</dt><dd><span data-testid="return-no-session">not found: it may have been reset or evicted</span></dd>')
  t.match(none, '<h2 id="read-heading">What the merchant\'s backend reads</h2>\n<p class="empty">Nothing to read without a session.</p>')

  const record = session().record
  const read = merchantPage(ctx, { isSuccess: '1', clientId: 'qa', token: TOKEN, read: { ok: true, body: { result: record } } })
  t.match(read, '<dd class="outcome passed" data-testid="return-is-success">1</dd>')
  t.match(read, '<dd data-testid="return-client">qa</dd>')
  t.match(read, `<dd><a class="mono" href="/console/sessions/${TOKEN}" data-testid="console-session-link">${TOKEN}</a> (in the console)</dd>`)
  t.match(read, `<p class="hint"><code>GET /api/ekyc/verifications/${TOKEN}</code> with the client's credentials answered 200; its <code>result</code>:</p><pre data-testid="record-json">`)
  t.strictSame(preJson(read, 'record-json'), record, 'the result, not the whole body')
  t.strictSame(preJson(merchantPage(ctx, { isSuccess: '1', clientId: 'qa', token: TOKEN, read: { ok: true, body: { other: 1 } } }), 'record-json'), { other: 1 }, 'a body without result is shown whole')
  t.match(merchantPage(ctx, { isSuccess: '0', clientId: 'qa', token: TOKEN, read: null }), '<dd class="outcome failed" data-testid="return-is-success">0</dd>')

  const failing = merchantPage(ctx, { isSuccess: '0', clientId: 'qa', token: TOKEN, read: { ok: false, error: { status: 503, message: 'Service Unavailable.' } } })
  t.match(failing, `<p class="form-error" data-testid="record-error"><code>GET /api/ekyc/verifications/${TOKEN}</code> answered HTTP 503: Service Unavailable.</p><pre data-testid="record-error-json">`)
  t.strictSame(preJson(failing, 'record-error-json'), { status: 503, message: 'Service Unavailable.' })
  t.notMatch(failing, 'data-testid="record-json"')

  const hostile = merchantPage(ctx, { isSuccess: HOSTILE, clientId: HOSTILE, token: HOSTILE, read: { ok: false, error: { status: 500, message: HOSTILE } } })
  t.notMatch(hostile, '<script')
  t.match(hostile, `data-testid="return-is-success">${ESCAPED}</dd>`)
  t.match(hostile, `data-testid="return-client">${ESCAPED}</dd>`)
  t.match(hostile, `href="/console/sessions/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E" data-testid="console-session-link">${ESCAPED}</a>`)
  t.match(hostile, `answered HTTP 500: ${ESCAPED}</p>`)
})

t.test('the catalogue: every scenario with its group, its attempts in words, the documents and types it fits', async t => {
  const entries = [...SCENARIOS.map(catalogueEntry), { ...catalogueEntry(SCENARIOS[8]), name: HOSTILE, title: HOSTILE, description: HOSTILE }]
  const page = cataloguePage(ctx, entries, SCENARIOS, 70)
  t.match(page, '<title>Catalogue · eKYC sandbox console</title>')
  t.match(page, '<h1>Scenario catalogue</h1>')
  t.strictSame(navLabels(page), ['Home', 'Sessions', 'Steering', 'Journal', 'Catalogue*', 'API docs'])
  t.match(page, '<p class="hint">11 scenarios, from <code>GET /_sandbox/scenarios</code>.')
  t.match(page, '<thead><tr><th>Scenario</th><th>Group</th><th>Attempts</th><th>Documents</th><th>Types</th></tr></thead>')
  const row = (name: string): string => between(page, `<tr data-testid="scenario-row" id="scenario-${name}">`, '</tr>')
  const fit = (name: string): string[] => [...row(name).matchAll(/data-testid="scenario-(kinds|types)">([^<]*)</g)].map(m => m[2])
  t.equal(row('pass'), '<tr data-testid="scenario-row" id="scenario-pass">\n<td><strong>Clean pass</strong><br><code data-testid="scenario-name">pass</code><br><span class="hint">Reads cleanly</span></td>\n<td>Passes</td>\n<td>document: <code>Success</code><br>face: <code>Success (96.4)</code></td>\n<td data-testid="scenario-kinds">ID_CARD, PASSPORT</td>\n<td data-testid="scenario-types">00, 01</td>\n</tr>')
  t.match(row('pass-passport'), '<td><strong>Passport</strong><br><code data-testid="scenario-name">pass-passport</code></td>', 'no description, no hint line')
  t.strictSame(fit('pass-passport'), ['PASSPORT', '00, 01'])
  t.strictSame(fit('pass-ocr-only'), ['ID_CARD, PASSPORT', '01'])
  t.match(row('fail-ocr-mixed'), '<td>Document problems</td>\n<td>document: <code>9102 + 9108, 9108, ID_CARD: FailedOperation.NoMASIDCard / PASSPORT: FailedOperation.NoPassport</code></td>')
  t.strictSame(fit('fail-ocr-mixed'), ['ID_CARD, PASSPORT', '00, 01'])
  t.match(row('fail-face-spoofed'), '<td>Face problems</td>\n<td>document: <code>Success</code><br>face: <code>FailedOperation.LivessDetectFake, FailedOperation.LivessDetectFake</code></td>')
  t.strictSame(fit('fail-face-spoofed'), ['ID_CARD, PASSPORT', '00'])
  t.strictSame(fit('face-at-69'), ['ID_CARD, PASSPORT', '00'], 'fails its face step at 70: no OCR-only session')
  t.strictSame([...between(cataloguePage(ctx, entries, SCENARIOS, 60), 'id="scenario-face-at-69"', '</tr>').matchAll(/data-testid="scenario-types">([^<]*)</g)].map(m => m[1]), ['00, 01'], 'passes at 60')
  t.match(row('face-only'), '<td>Other</td>\n<td>face: <code>Success</code></td>')
  t.match(row('expired'), '<td>the link expires; no attempt</td>')
  t.match(row('abandon'), '<td>the user leaves with no attempt</td>')
  t.strictSame(fit('misfit'), ['none', 'none'])
  const stranger = between(page, `id="scenario-${ESCAPED}">`, '</tr>')
  t.match(stranger, `<td><strong>${ESCAPED}</strong><br><code data-testid="scenario-name">${ESCAPED}</code><br><span class="hint">${ESCAPED}</span></td>`)
  t.match(stranger, '<td data-testid="scenario-kinds">?</td>\n<td data-testid="scenario-types">?</td>', 'not in the catalogue loaded: unknown fit')
  t.notMatch(page, '<script')
  t.match(cataloguePage(ctx, [{ ...catalogueEntry(SCENARIOS[8]), group: 'odd' as 'other' }], SCENARIOS, 70), '<td>odd</td>', 'a group without a label shows its name')
})

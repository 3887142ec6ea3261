import t from 'tap'
import { createHash } from 'node:crypto'
import { html } from '../../src/html/escape.js'
import { PAGE_CSS } from '../../src/html/styles.js'
import { consoleErrorPage } from '../../src/html/console/error.js'
import { EMPTY_FORM, fieldErrors, formError, jsonBlock, selectField, textField, type FormState } from '../../src/html/console/fields.js'
import { journalTable } from '../../src/html/console/journal.js'
import { CONSOLE_CSP, CONSOLE_HEADERS, consoleLayout, formToken, type NavItem } from '../../src/html/console/layout.js'
import { OUTCOMES, outcomeOf } from '../../src/html/console/outcome.js'
import { SIGN_IN_PATH, signInPage } from '../../src/html/console/sign-in.js'
import { armTable, clockLine, faultTable, formatDuration } from '../../src/html/console/steering-tables.js'
import { CONSOLE_CSS } from '../../src/html/console/styles.js'
import type { Scenario } from '../../src/schemas/scenario.js'
import { HOSTILE, ESCAPED, TOKEN, CREATED, JOURNAL, ctx, csrf, session, navLabels, count, labels, refused } from './console-fixtures.js'

// The operator console's building blocks from plain values, without the app: the layout, the
// navigation, fields, outcomes, tables, the error and sign-in pages. console-pages and
// console-steering render whole pages the same way; the app-level tests (test/console/) check them through HTTP.

t.test('the layout: banner, title, one stylesheet allowed by its hash, no script, strict headers', async t => {
  const page = consoleLayout('T<', 'home', ctx, html`<p>x</p>`)
  t.match(page, /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/)
  t.match(page, '<title>T&lt; · eKYC sandbox console</title>')
  t.match(page, '<meta name="robots" content="noindex">')
  t.match(page, `<style>${PAGE_CSS}${CONSOLE_CSS}</style>`)
  for (const rule of ['nav.console a[aria-current=page]{', '.scroll{overflow-x:auto;max-width:100%}', 'table{border-collapse:collapse;width:100%']) {
    t.match(CONSOLE_CSS, rule, 'the console\'s own rules: the current page marked, wide tables scrolling in their box')
  }
  t.match(page, '<header class="banner" data-testid="sandbox-banner">\n<p><strong>SANDBOX</strong> QA console of the MasChain eKYC sandbox: nothing here is real, nothing leaves this machine.</p>\n</header>')
  t.match(page, '</nav>\n<p>x</p>\n</main>\n</body>\n</html>\n')
  t.notMatch(page, '<script')
  const style = /<style>([\s\S]*)<\/style>/.exec(page)?.[1] ?? ''
  const hash = createHash('sha256').update(style, 'utf8').digest('base64')
  t.strictSame(CONSOLE_CSP.split('; '), ["default-src 'none'", `style-src 'sha256-${hash}'`, 'img-src data:', "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"], 'the hash is the page\'s own stylesheet; no script-src at all')
  t.strictSame(CONSOLE_HEADERS, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONSOLE_CSP,
    'cache-control': 'no-store',
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY'
  })
})

t.test('the navigation: every page, the active one marked and only it, sign-out only when signed in, none without a context', async t => {
  const page = consoleLayout('T', 'home', ctx, html``)
  t.match(page, '<main class="console">\n<nav class="console" aria-label="Console" data-testid="console-nav">\n<a href="/" aria-current="page">Home</a><a href="/console/sessions">Sessions</a><a href="/console/steering">Steering</a><a href="/console/journal">Journal</a><a href="/console/scenarios">Catalogue</a>\n<a href="/documentation">API docs</a>\n\n</nav>')
  const active: Array<[NavItem, string[]]> = [
    ['home', ['Home*', 'Sessions', 'Steering', 'Journal', 'Catalogue', 'API docs']],
    ['sessions', ['Home', 'Sessions*', 'Steering', 'Journal', 'Catalogue', 'API docs']],
    ['steering', ['Home', 'Sessions', 'Steering*', 'Journal', 'Catalogue', 'API docs']],
    ['journal', ['Home', 'Sessions', 'Steering', 'Journal*', 'Catalogue', 'API docs']],
    ['catalogue', ['Home', 'Sessions', 'Steering', 'Journal', 'Catalogue*', 'API docs']],
    [null, ['Home', 'Sessions', 'Steering', 'Journal', 'Catalogue', 'API docs']]
  ]
  for (const [item, labels] of active) t.strictSame(navLabels(consoleLayout('T', item, ctx, html``)), labels, String(item))
  t.notMatch(page, 'sign-out', 'not guarded: nothing to sign out of')
  const signedIn = consoleLayout('T', 'home', { ...ctx, canSignOut: true }, html``)
  t.match(signedIn, '<a href="/documentation">API docs</a>\n<form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="csrf:/console/sign-out"><button type="submit" data-testid="sign-out">Sign out</button></form>\n</nav>')
  const bare = consoleLayout('T', 'home', null, html`<p>x</p>`)
  t.notMatch(bare, '<nav')
  t.match(bare, '<main class="console">\n\n<p>x</p>\n</main>')
  t.equal(formToken(ctx, '/console/x').value, csrf('/console/x'))
  t.equal(formToken({ ...ctx, formToken: () => HOSTILE }, '/x').value, `<input type="hidden" name="csrf" value="${ESCAPED}">`)
})

t.test('a text field: its value, the initial one, the kind, and the API\'s messages tied to it', async t => {
  const fresh = textField({ form: 'f', name: 'name', label: 'Name', state: EMPTY_FORM })
  t.equal(fresh.value, '<label for="f-name">Name</label>\n<input type="text" id="f-name" name="name" value="" data-testid="f-name">\n\n')
  t.strictSame(EMPTY_FORM, { values: {} })
  t.match(textField({ form: 'f', name: 'n', label: 'N', state: EMPTY_FORM, initial: '1' }).value, 'value="1"', 'the initial value on a fresh form')
  t.match(textField({ form: 'f', name: 'n', label: 'N', state: { values: { n: '7' } }, initial: '1' }).value, 'value="7"', 'what was posted wins')
  t.match(textField({ form: 'f', name: 'n', label: 'N', state: { values: { n: '' } }, initial: '1' }).value, 'value=""', 'an emptied field stays empty')
  t.equal(textField({ form: 'f', name: 'n', label: 'N', state: EMPTY_FORM, type: 'number', placeholder: 'e.g. 5', hint: 'A <hint>' }).value,
    '<label for="f-n">N</label>\n<input type="number" id="f-n" name="n" value="" placeholder="e.g. 5" step="any" data-testid="f-n">\n<p class="hint">A &lt;hint&gt;</p>\n')
  t.match(textField({ form: 'f', name: 'n', label: 'N', state: EMPTY_FORM, type: 'password' }).value, '<input type="password" id="f-n" name="n" value="" data-testid="f-n">', 'no step on a non-number')

  const state: FormState = { values: { name: HOSTILE }, error: refused({ name: ['Too <long>.', 'Not a URL.'], other: ['Elsewhere.'] }) }
  t.equal(textField({ form: 'f', name: 'name', label: 'Name', state }).value,
    `<label for="f-name">Name</label>\n<input type="text" id="f-name" name="name" value="${ESCAPED}" aria-invalid="true" aria-describedby="f-name-error" data-testid="f-name">\n\n<p class="field-error" id="f-name-error" data-testid="error-name">Too &lt;long&gt;. Not a URL.</p>`)
  const calm = textField({ form: 'f', name: 'ok', label: 'OK', state }).value
  t.notMatch(calm, 'aria-invalid', 'another field\'s error leaves this one alone')
  t.notMatch(calm, 'field-error')
  t.notMatch(textField({ form: 'f', name: 'name', label: 'N', state: { values: {}, error: { status: 500, message: 'Server Error.' } } }).value, 'aria-invalid', 'no field named: no field marked')

  t.equal(fieldErrors(state, 'missing', 'f-missing'), false)
  t.equal(fieldErrors({ values: {}, error: refused({ name: [] }) }, 'name', 'f-name'), false, 'no message, no paragraph')
  t.notMatch(textField({ form: 'f', name: 'name', label: 'N', state: { values: {}, error: refused({ name: [] }) } }).value, 'aria-',
    'no message: not marked invalid (aria-describedby would point at nothing)')
  t.equal(fieldErrors({ values: {} }, 'name', 'f-name'), false)
  t.equal((fieldErrors(state, 'other', 'x-other') as { value: string }).value, '<p class="field-error" id="x-other-error" data-testid="error-other">Elsewhere.</p>')
})

t.test('a select, the form\'s own error and a JSON block', async t => {
  const options = [['a', 'A'], ['b', 'B <b>'], ['', 'none']] as const
  t.equal(selectField({ form: 'f', name: 'kind', label: 'Kind', state: EMPTY_FORM, options, initial: 'b' }).value,
    '<label for="f-kind">Kind</label>\n<select id="f-kind" name="kind" data-testid="f-kind">\n<option value="a">A</option><option value="b" selected>B &lt;b&gt;</option><option value="">none</option>\n</select>\n\n')
  const posted = selectField({ form: 'f', name: 'kind', label: 'Kind', state: { values: { kind: '' }, error: refused({ kind: ['Pick one.'] }) }, options, initial: 'b', hint: 'Hint.' }).value
  t.match(posted, '<option value="a">A</option><option value="b">B &lt;b&gt;</option><option value="" selected>none</option>', 'the posted empty choice, not the initial one')
  t.match(posted, '</select>\n<p class="hint">Hint.</p>\n<p class="field-error" id="f-kind-error" data-testid="error-kind">Pick one.</p>')
  t.match(posted, '<select id="f-kind" name="kind" aria-invalid="true" aria-describedby="f-kind-error" data-testid="f-kind">', 'a refused select is marked invalid and points at its message')
  t.notMatch(selectField({ form: 'f', name: 'other', label: 'O', state: { values: {}, error: refused({ kind: ['Pick one.'] }) }, options }).value, 'aria-', 'another field\'s error leaves it alone')
  t.equal(count(selectField({ form: 'f', name: 'kind', label: 'K', state: EMPTY_FORM, options: [['a', 'A'], ['b', 'B']] }).value, ' selected'), 0, 'nothing chosen, nothing selected')
  t.match(selectField({ form: 'f', name: 'kind', label: 'K', state: EMPTY_FORM, options }).value, '<option value="a">A</option><option value="b">B &lt;b&gt;</option><option value="" selected>none</option>',
    'nothing chosen and no initial one: the empty choice (a filter\'s "any") is the selected one')
  t.match(selectField({ form: 'f', name: 'kind', label: 'K', state: { values: { kind: HOSTILE } }, options: [[HOSTILE, HOSTILE]] }).value, `<option value="${ESCAPED}" selected>${ESCAPED}</option>`)

  t.equal(formError(EMPTY_FORM, 'x-error'), false)
  t.equal((formError({ values: {}, error: { status: 409, message: `Finished ${HOSTILE}` } }, 'x-error') as { value: string }).value,
    `<p class="form-error" role="alert" data-testid="x-error">Finished ${ESCAPED} <span class="hint">(HTTP 409; nothing was applied)</span></p>`)
  t.equal(jsonBlock({ a: HOSTILE, n: [1] }, 'j').value, '<pre data-testid="j">{\n  &quot;a&quot;: &quot;\\&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;,\n  &quot;n&quot;: [\n    1\n  ]\n}</pre>')
})

t.test('a session in one word: open, passed, failed, expired; a finished one keeps its outcome after expiry', async t => {
  t.strictSame(OUTCOMES, ['open', 'passed', 'failed', 'expired'])
  t.equal(outcomeOf(session()), 'open')
  t.equal(outcomeOf(session({ expired: true })), 'expired')
  t.equal(outcomeOf(session({ finished: true }, { is_success: 1 })), 'passed')
  t.equal(outcomeOf(session({ finished: true }, { is_success: 0 })), 'failed')
  t.equal(outcomeOf(session({ finished: true, expired: true }, { is_success: 1 })), 'passed')
  t.equal(outcomeOf(session({ finished: true, expired: true }, { is_success: 0 })), 'failed')
  t.equal(outcomeOf(session({}, { is_success: 1 })), 'open', 'only a finished session has passed')
})

t.test('durations, the clock line, the arm and fault tables', async t => {
  const durations = [0, 59.9, 60, 61, 3599, 3600, 3661, 86_399, 86_400, 90_061].map(formatDuration)
  t.strictSame(durations, ['0 s', '59 s', '1 min 0 s', '1 min 1 s', '59 min 59 s', '1 h 0 min', '1 h 1 min', '23 h 59 min', '1 d 0 h', '1 d 1 h'])
  t.equal(clockLine({ now: CREATED, offset_ms: 0 }).value, `<time datetime="${CREATED}" data-testid="clock-now">${CREATED}</time> <span data-testid="clock-offset">(real time)</span>`)
  t.match(clockLine({ now: CREATED, offset_ms: 120_000 }).value, '<span data-testid="clock-offset">(moved ahead by 2 min 0 s)</span>')
  t.match(clockLine({ now: CREATED, offset_ms: -3_600_000 }).value, '(moved back by 1 h 0 min)')
  t.match(clockLine({ now: CREATED, offset_ms: -1500 }).value, '(moved back by 1 s)')

  t.equal(armTable([]).value, '<p class="empty" data-testid="no-arms">No arm is waiting.</p>')
  const arms = armTable([{ scenario: 'pass', client_id: null, remaining: 3 }, { scenario: HOSTILE, client_id: HOSTILE, remaining: 1 }]).value
  t.match(arms, '<table data-testid="arms">\n<thead><tr><th>#</th><th>Scenario</th><th>Client</th><th>Sessions left</th></tr></thead>')
  t.match(arms, '<tr data-testid="arm-row"><td>1</td><td><code>pass</code></td><td><em>any client</em></td><td>3</td></tr>')
  t.match(arms, `<tr data-testid="arm-row"><td>2</td><td><code>${ESCAPED}</code></td><td>${ESCAPED}</td><td>1</td></tr>`)
  t.notMatch(arms, '<script')

  t.equal(faultTable([]).value, '<p class="empty" data-testid="no-faults">No fault is waiting.</p>')
  const faults = faultTable([{ route: 'create', status: 503, latency_ms: null, client_id: null, remaining: 1 }, { route: 'page', status: null, latency_ms: 250, client_id: HOSTILE, remaining: 4 }]).value
  t.match(faults, '<thead><tr><th>#</th><th>Route</th><th>Status</th><th>Latency</th><th>Client</th><th>Calls left</th></tr></thead>')
  t.match(faults, '<tr data-testid="fault-row"><td>1</td><td>create</td><td>503</td><td>-</td><td><em>any caller</em></td><td>1</td></tr>')
  t.match(faults, `<tr data-testid="fault-row"><td>2</td><td>page</td><td>-</td><td>250 ms</td><td>${ESCAPED}</td><td>4</td></tr>`)
})

t.test('the journal table: each call, failures marked from 400, tokens linked only when asked', async t => {
  t.equal(journalTable([], true).value, '<p class="empty" data-testid="no-journal">No call recorded.</p>')
  const linked = journalTable(JOURNAL, true).value
  t.match(linked, '<thead><tr><th>Time</th><th>Call</th><th>Route</th><th>client_id sent</th><th>Status</th><th>Token</th><th>ms</th></tr></thead>')
  t.match(linked, `<tr data-testid="journal-row">\n<td><time datetime="2025-02-01T13:57:00.000Z">2025-02-01T13:57:00.000Z</time></td>\n<td class="mono" data-testid="journal-call">GET /api/ekyc/verifications/${TOKEN}</td>\n<td>get</td>\n<td data-testid="journal-client">qa</td>\n<td data-testid="journal-status" class="">200</td>\n<td class="mono"><a href="/console/sessions/${TOKEN}">${TOKEN}</a></td>\n<td>1.5</td>\n</tr>`)
  t.match(linked, '<td data-testid="journal-client">-</td>\n<td data-testid="journal-status" class="failed">400</td>\n<td class="mono"><a href="/console/sessions/A%2FB">A/B</a></td>')
  t.match(linked, `<td data-testid="journal-client">${ESCAPED}</td>\n<td data-testid="journal-status" class="">399</td>\n<td class="mono">-</td>\n<td>0.25</td>`)
  t.match(linked, `<td data-testid="journal-status" class="failed">401<br><small class="note" data-testid="journal-note">wrong client_secret ${ESCAPED}</small></td>`, 'why the sandbox answered so, escaped, under the status')
  t.equal(linked.split('data-testid="journal-note"').length, 2, 'only a call with a note shows one')
  t.match(CONSOLE_CSS, '.note{color:#555;font-weight:normal}', 'the note is quieter than the status')
  t.notMatch(linked, '<script')
  const plain = journalTable(JOURNAL, false).value
  t.notMatch(plain, '<a href=')
  t.match(plain, `<td class="mono">${TOKEN}</td>`)
})

t.test('the error page: the status and its title, the message escaped, the way home; navigation only when signed in', async t => {
  const notFound = consoleErrorPage(ctx, 404, 'Verification "NOPE" not found.')
  t.match(notFound, '<title>Not found · eKYC sandbox console</title>')
  t.match(notFound, '<h1 data-testid="error-title">Not found</h1>')
  t.match(notFound, '<p data-testid="error-message">Verification &quot;NOPE&quot; not found.</p>')
  t.match(notFound, '<p class="hint">HTTP status <code data-testid="error-status">404</code>. Nothing was applied.</p>\n<a class="button" href="/">Back to the console</a>')
  t.strictSame(navLabels(notFound), ['Home', 'Sessions', 'Steering', 'Journal', 'Catalogue', 'API docs'])
  const other = consoleErrorPage(null, 500, HOSTILE)
  t.match(other, '<title>Error 500 · eKYC sandbox console</title>')
  t.match(other, '<h1 data-testid="error-title">Error 500</h1>')
  t.match(other, `<p data-testid="error-message">${ESCAPED}</p>`)
  t.notMatch(other, '<script')
  t.notMatch(other, '<nav', 'not signed in: no way into the console')
  t.match(consoleErrorPage(ctx, 403, 'x'), '<h1 data-testid="error-title">Error 403</h1>')
})

t.test('the sign-in page: the form alone, its token, the next address escaped, the refusal only after a wrong token', async t => {
  const page = signInPage({ ...ctx, canSignOut: true }, '/console/journal', false)
  t.equal(SIGN_IN_PATH, '/console/sign-in')
  t.match(page, '<title>Sign in · eKYC sandbox console</title>')
  t.match(page, '<h1>Sign in to the console</h1>')
  t.notMatch(page, '<nav', 'nothing else before signing in')
  t.match(page, `<form method="post" action="/console/sign-in" data-testid="sign-in">\n${csrf('/console/sign-in')}\n<input type="hidden" name="next" value="/console/journal">\n\n<label for="sign-in-token">Admin token</label>`)
  t.match(page, '<input type="password" id="sign-in-token" name="token" autocomplete="current-password" required data-testid="sign-in-token">')
  t.match(page, '<button type="submit" class="primary" data-testid="sign-in-submit">Sign in</button>')
  t.notMatch(page, 'sign-in-error')
  const wrong = signInPage(ctx, HOSTILE, true)
  t.match(wrong, `<input type="hidden" name="next" value="${ESCAPED}">\n<p class="form-error" role="alert" data-testid="sign-in-error">That is not the admin token.</p>`)
  t.notMatch(wrong, '<script')
})

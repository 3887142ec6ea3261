import t from 'tap'
import { resetConfirmPage, STEERING_FORMS, steeringPage, steeringPath, type SteeringState } from '../../src/html/console/steering.js'
import type { Scenario } from '../../src/schemas/scenario.js'
import { HOSTILE, ESCAPED, CREATED, ctx, csrf, session, navLabels, count, labels, refused } from './console-fixtures.js'

// The operator console's steering page and reset confirmation built from plain values: each form's
// path and token, its defaults, its refusals.

function steering (over: Partial<SteeringState> = {}): string {
  return steeringPage(ctx, { arms: [], faults: [], clock: { now: CREATED, offset_ms: 0 }, scenarios: ['fail-ocr-blurry', 'pass'], ...over })
}

t.test('the steering page: each form posts to its own path with its own token; fresh defaults', async t => {
  t.strictSame(STEERING_FORMS, ['arm', 'cancel-arms', 'fault', 'clear-faults', 'clock-advance', 'clock-set', 'clock-reset', 'reset'])
  t.equal(steeringPath('clock-set'), '/console/steering/clock-set')
  const page = steering()
  t.match(page, '<title>Steering · eKYC sandbox console</title>')
  t.match(page, '<h1>Steering</h1>\n\n<p class="hint">Jump to <a href="#arms">arms</a>, <a href="#faults">faults</a>, <a href="#clock">the clock</a>, <a href="#reset">reset</a>.</p>')
  t.strictSame(navLabels(page), ['Home', 'Sessions', 'Steering*', 'Journal', 'Catalogue', 'API docs'])
  for (const form of STEERING_FORMS) {
    t.match(page, `<form method="post" action="/console/steering/${form}" data-testid="${form}-form">\n${csrf(`/console/steering/${form}`)}\n`, form)
    t.match(page, `data-testid="${form}-submit">`, `${form}: its button`)
  }
  t.notMatch(page, 'role="alert"', 'nothing refused')
  t.match(page, 'data-testid="no-arms"')
  t.match(page, 'data-testid="no-faults"')
  t.match(page, '<p>Now: <time datetime="2025-02-01T13:56:47.000Z" data-testid="clock-now">')
  t.match(page, '<select id="arm-scenario" name="scenario" data-testid="arm-scenario">\n<option value="fail-ocr-blurry">fail-ocr-blurry</option><option value="pass">pass</option>\n</select>')
  t.match(page, '<input type="number" id="arm-count" name="count" value="1" step="any" data-testid="arm-count">')
  t.strictSame(labels(page), [
    'arm-scenario: Scenario', 'arm-client_id: Only for client_id (empty: any client)', 'arm-count: How many sessions',
    'cancel-arms-client_id: Cancel the arms of client_id (empty: every arm)',
    'fault-route: Route', 'fault-status: Status', 'fault-latency_ms: Latency in ms (optional)', 'fault-count: How many calls',
    'fault-client_id: Only calls of client_id (API routes; empty: any caller)', 'clear-faults-client_id: Clear the faults of client_id (empty: every fault)',
    'clock-advance-advance_seconds: Advance by seconds (negative: back)', 'clock-set-set: Set to (ISO 8601 with a time zone)',
    'reset-client_id: Reset client_id (empty: the whole sandbox)'
  ])
  t.match(page, '<select id="fault-route" name="route" data-testid="fault-route">\n<option value="create">create (API)</option><option value="get">get (API)</option><option value="page">page (the hosted page)</option>\n</select>')
  t.match(page, '<select id="fault-status" name="status" data-testid="fault-status">\n<option value="">none (only a delay)</option><option value="401">401</option><option value="404">404</option><option value="422">422</option><option value="429">429</option><option value="500">500</option><option value="503" selected>503</option>\n</select>')
  t.match(page, '<input type="number" id="fault-latency_ms" name="latency_ms" value="" step="any" data-testid="fault-latency_ms">')
  t.match(page, '<input type="number" id="fault-count" name="count" value="1" step="any" data-testid="fault-count">')
  t.match(page, '<input type="number" id="clock-advance-advance_seconds" name="advance_seconds" value="901" step="any" data-testid="clock-advance-advance_seconds">')
  t.match(page, '<input type="text" id="clock-set-set" name="set" value="" placeholder="2025-02-01T13:56:47Z" data-testid="clock-set-set">')
  t.match(page, `data-testid="clock-reset-form">\n${csrf('/console/steering/clock-reset')}\n<div class="actions"><button type="submit" data-testid="clock-reset-submit">Back to real time</button></div>`)
  t.match(page, '<button type="submit" class="danger" data-testid="reset-submit">Reset…</button>')

  const busy = steering({ notice: 'Armed.', arms: [{ scenario: 'pass', client_id: 'qa', remaining: 2 }], faults: [{ route: 'get', status: 500, latency_ms: null, client_id: null, remaining: 1 }], clock: { now: CREATED, offset_ms: -60_000 } })
  t.match(busy, '<h1>Steering</h1>\n<p class="notice" role="status" data-testid="notice">Armed.</p>')
  t.match(busy, '<tr data-testid="arm-row"><td>1</td><td><code>pass</code></td><td>qa</td><td>2</td></tr>')
  t.match(busy, '<tr data-testid="fault-row"><td>1</td><td>get</td><td>500</td>')
  t.match(busy, '(moved back by 1 min 0 s)')
  t.notMatch(steering({ notice: HOSTILE }), '<script')
})

t.test('a refused steering form shows its error and what was posted, the others stay fresh', async t => {
  const arm = steering({ failed: { form: 'arm', state: { values: { scenario: 'pass', client_id: HOSTILE, count: 'two' }, error: refused({ count: ['count must be integer'] }) } } })
  t.match(arm, `data-testid="arm-form">\n${csrf('/console/steering/arm')}<p class="form-error" role="alert" data-testid="arm-error">The given data was invalid.`)
  t.match(arm, '<option value="pass" selected>pass</option>')
  t.match(arm, `id="arm-client_id" name="client_id" value="${ESCAPED}" data-testid`)
  t.match(arm, 'id="arm-count" name="count" value="two" aria-invalid="true" aria-describedby="arm-count-error" step="any"')
  t.match(arm, '<p class="field-error" id="arm-count-error" data-testid="error-count">count must be integer</p>')
  t.equal(count(arm, 'role="alert"'), 1, 'only the refused form says so')
  t.match(arm, 'id="fault-count" name="count" value="1" step="any"', 'the fault form keeps its own fresh count')
  t.match(arm, 'id="cancel-arms-client_id" name="client_id" value="" data-testid', 'the cancel form does not take the arm\'s values')
  t.notMatch(arm, '<script')

  const fault = steering({ failed: { form: 'fault', state: { values: { route: 'page', status: '', client_id: 'qa' }, error: refused({ client_id: ['client_id cannot scope a page fault: page calls carry no client.'] }) } } })
  t.match(fault, 'data-testid="fault-error">')
  t.match(fault, '<option value="page" selected>page (the hosted page)</option>')
  t.match(fault, '<option value="" selected>none (only a delay)</option>')
  t.match(fault, '<option value="503">503</option>', 'the posted choice, not the initial one')
  t.match(fault, '<p class="field-error" id="fault-client_id-error" data-testid="error-client_id">client_id cannot scope a page fault')
  t.notMatch(fault, 'arm-count-error')

  for (const form of ['cancel-arms', 'clear-faults', 'clock-advance', 'clock-set', 'clock-reset', 'reset'] as const) {
    const page = steering({ failed: { form, state: { values: {}, error: { status: 422, message: `${form} refused` } } } })
    t.match(page, `${csrf(`/console/steering/${form}`)}<p class="form-error" role="alert" data-testid="${form}-error">${form} refused`, form)
    t.equal(count(page, 'role="alert"'), 1, `${form}: only there`)
  }
  t.match(steering({ failed: { form: 'clock-set', state: { values: { set: 'tomorrow' }, error: refused({ set: ['set must match format "date-time"'] }) } } }),
    'name="set" value="tomorrow" placeholder="2025-02-01T13:56:47Z" aria-invalid="true" aria-describedby="clock-set-set-error"')
})

t.test('the reset confirmation: says exactly what goes, posts confirm=yes with its token, offers the way back', async t => {
  const all = resetConfirmPage(ctx, undefined)
  t.match(all, '<title>Confirm reset · eKYC sandbox console</title>')
  t.strictSame(navLabels(all), ['Home', 'Sessions', 'Steering*', 'Journal', 'Catalogue', 'API docs'])
  t.match(all, '<h2 id="confirm-heading">Reset the whole sandbox?</h2>\n<p>Every session, arm, fault and journal entry is forgotten. The clock stays as it is.</p>')
  t.match(all, `<form method="post" action="/console/steering/reset">\n${csrf('/console/steering/reset')}\n<input type="hidden" name="client_id" value="">\n<input type="hidden" name="confirm" value="yes">`)
  t.match(all, '<button type="submit" class="danger" data-testid="reset-confirm-submit">Yes, reset</button>\n<a class="button" href="/console/steering#reset" data-testid="reset-cancel">No, keep everything</a>')
  const one = resetConfirmPage(ctx, 'qa')
  t.match(one, '<h2 id="confirm-heading">Reset client <code>qa</code>?</h2>\n<p>This client&#39;s sessions, the arms and faults scoped to it, and its journal entries are forgotten. Everything else stays.</p>')
  t.match(one, '<input type="hidden" name="client_id" value="qa">')
  t.notMatch(one, 'whole sandbox')
  const hostile = resetConfirmPage(ctx, HOSTILE)
  t.match(hostile, `Reset client <code>${ESCAPED}</code>?`)
  t.match(hostile, `<input type="hidden" name="client_id" value="${ESCAPED}">`)
  t.notMatch(hostile, '<script')
})

import { FAULT_STATUSES, ROUTE_NAMES } from '../../schemas/sandbox.js'
import { html, type SafeHtml } from '../escape.js'
import type { ArmEntry, ClockState, FaultEntry } from '../../routes/console/control-plane.js'
import { EMPTY_FORM, formError, selectField, textField, type FormState } from './fields.js'
import { consoleLayout, formToken, type PageContext } from './layout.js'
import { armTable, clockLine, faultTable } from './steering-tables.js'

export const STEERING_FORMS = ['arm', 'cancel-arms', 'fault', 'clear-faults', 'clock-advance', 'clock-set', 'clock-reset', 'reset'] as const
export type SteeringForm = typeof STEERING_FORMS[number]

/** Each form posts to its own path: /console/steering/<form>. */
export const steeringPath = (form: SteeringForm): string => `/console/steering/${form}`

export interface SteeringState {
  arms: ArmEntry[]
  faults: FaultEntry[]
  clock: ClockState
  scenarios: readonly string[]
  /** The form that was refused, with what was posted and the API's answer. */
  failed?: { form: SteeringForm, state: FormState }
  /** What the last action did, in a sentence. */
  notice?: string
}

function open (ctx: PageContext, form: SteeringForm, s: SteeringState): { state: FormState, head: SafeHtml } {
  const state = s.failed?.form === form ? s.failed.state : EMPTY_FORM
  return { state, head: html`${formToken(ctx, steeringPath(form))}${formError(state, `${form}-error`)}` }
}

function armSection (ctx: PageContext, s: SteeringState): SafeHtml {
  const arm = open(ctx, 'arm', s)
  const cancel = open(ctx, 'cancel-arms', s)
  return html`<section aria-labelledby="arms-heading" id="arms">
<h2 id="arms-heading">Arms</h2>
<p class="hint">An armed session finishes with its scenario as soon as its page is opened. Arms are used oldest first.</p>
${armTable(s.arms)}
<div class="inline-forms">
<form method="post" action="${steeringPath('arm')}" data-testid="arm-form">
${arm.head}
${selectField({ form: 'arm', state: arm.state, name: 'scenario', label: 'Scenario', options: s.scenarios.map(n => [n, n] as const) })}
${textField({ form: 'arm', state: arm.state, name: 'client_id', label: 'Only for client_id (empty: any client)' })}
${textField({ form: 'arm', state: arm.state, name: 'count', label: 'How many sessions', type: 'number', initial: '1' })}
<div class="actions"><button type="submit" class="primary" data-testid="arm-submit">Arm</button></div>
</form>
<form method="post" action="${steeringPath('cancel-arms')}" data-testid="cancel-arms-form">
${cancel.head}
${textField({ form: 'cancel-arms', state: cancel.state, name: 'client_id', label: 'Cancel the arms of client_id (empty: every arm)' })}
<div class="actions"><button type="submit" class="danger" data-testid="cancel-arms-submit">Cancel arms</button></div>
</form>
</div>
</section>`
}

function faultSection (ctx: PageContext, s: SteeringState): SafeHtml {
  const add = open(ctx, 'fault', s)
  const clear = open(ctx, 'clear-faults', s)
  const f = { form: 'fault', state: add.state }
  return html`<section aria-labelledby="faults-heading" id="faults">
<h2 id="faults-heading">Faults</h2>
<p class="hint">The next matching calls answer the status (in the real envelope, or as a page) or wait first.</p>
${faultTable(s.faults)}
<div class="inline-forms">
<form method="post" action="${steeringPath('fault')}" data-testid="fault-form">
${add.head}
${selectField({ ...f, name: 'route', label: 'Route', options: ROUTE_NAMES.map(r => [r, r === 'page' ? 'page (the hosted page)' : `${r} (API)`] as const) })}
${selectField({ ...f, name: 'status', label: 'Status', options: [['', 'none (only a delay)'], ...FAULT_STATUSES.map(n => [String(n), String(n)] as const)], initial: '503' })}
${textField({ ...f, name: 'latency_ms', label: 'Latency in ms (optional)', type: 'number' })}
${textField({ ...f, name: 'count', label: 'How many calls', type: 'number', initial: '1' })}
${textField({ ...f, name: 'client_id', label: 'Only calls of client_id (API routes; empty: any caller)' })}
<div class="actions"><button type="submit" class="primary" data-testid="fault-submit">Add fault</button></div>
</form>
<form method="post" action="${steeringPath('clear-faults')}" data-testid="clear-faults-form">
${clear.head}
${textField({ form: 'clear-faults', state: clear.state, name: 'client_id', label: 'Clear the faults of client_id (empty: every fault)' })}
<div class="actions"><button type="submit" class="danger" data-testid="clear-faults-submit">Clear faults</button></div>
</form>
</div>
</section>`
}

function clockSection (ctx: PageContext, s: SteeringState): SafeHtml {
  const advance = open(ctx, 'clock-advance', s)
  const set = open(ctx, 'clock-set', s)
  const reset = open(ctx, 'clock-reset', s)
  return html`<section aria-labelledby="clock-heading" id="clock">
<h2 id="clock-heading">Clock</h2>
<p>Now: ${clockLine(s.clock)}</p>
<p class="hint">One clock drives created_at, expire_at, retention and the page's countdown: moving it expires links as real time would.</p>
<div class="inline-forms">
<form method="post" action="${steeringPath('clock-advance')}" data-testid="clock-advance-form">
${advance.head}
${textField({ form: 'clock-advance', state: advance.state, name: 'advance_seconds', label: 'Advance by seconds (negative: back)', type: 'number', initial: '901' })}
<div class="actions"><button type="submit" class="primary" data-testid="clock-advance-submit">Advance the clock</button></div>
</form>
<form method="post" action="${steeringPath('clock-set')}" data-testid="clock-set-form">
${set.head}
${textField({ form: 'clock-set', state: set.state, name: 'set', label: 'Set to (ISO 8601 with a time zone)', placeholder: '2025-02-01T13:56:47Z' })}
<div class="actions"><button type="submit" class="primary" data-testid="clock-set-submit">Set the clock</button></div>
</form>
</div>
<form method="post" action="${steeringPath('clock-reset')}" data-testid="clock-reset-form">
${reset.head}
<div class="actions"><button type="submit" data-testid="clock-reset-submit">Back to real time</button></div>
</form>
</section>`
}

function resetSection (ctx: PageContext, s: SteeringState): SafeHtml {
  const reset = open(ctx, 'reset', s)
  return html`<section aria-labelledby="reset-heading" id="reset">
<h2 id="reset-heading">Reset</h2>
<p class="hint">Forgets sessions, arms, faults and journal entries: one client's, or everything. The clock stays. You confirm on the next page.</p>
<form method="post" action="${steeringPath('reset')}" data-testid="reset-form">
${reset.head}
${textField({ form: 'reset', state: reset.state, name: 'client_id', label: 'Reset client_id (empty: the whole sandbox)' })}
<div class="actions"><button type="submit" class="danger" data-testid="reset-submit">Reset…</button></div>
</form>
</section>`
}

export function steeringPage (ctx: PageContext, s: SteeringState): string {
  return consoleLayout('Steering', 'steering', ctx, html`<h1>Steering</h1>
${s.notice !== undefined && html`<p class="notice" role="status" data-testid="notice">${s.notice}</p>`}
<p class="hint">Jump to <a href="#arms">arms</a>, <a href="#faults">faults</a>, <a href="#clock">the clock</a>, <a href="#reset">reset</a>.</p>
${armSection(ctx, s)}
${faultSection(ctx, s)}
${clockSection(ctx, s)}
${resetSection(ctx, s)}`)
}

/** The confirmation step of a reset: says exactly what goes, and posts `confirm=yes`. */
export function resetConfirmPage (ctx: PageContext, clientId: string | undefined): string {
  return consoleLayout('Confirm reset', 'steering', ctx, html`<h1>Confirm reset</h1>
<section aria-labelledby="confirm-heading" data-testid="reset-confirm">
<h2 id="confirm-heading">${clientId === undefined ? 'Reset the whole sandbox?' : html`Reset client <code>${clientId}</code>?`}</h2>
<p>${clientId === undefined
  ? 'Every session, arm, fault and journal entry is forgotten. The clock stays as it is.'
  : 'This client\'s sessions, the arms and faults scoped to it, and its journal entries are forgotten. Everything else stays.'}</p>
<form method="post" action="${steeringPath('reset')}">
${formToken(ctx, steeringPath('reset'))}
<input type="hidden" name="client_id" value="${clientId ?? ''}">
<input type="hidden" name="confirm" value="yes">
<div class="actions">
<button type="submit" class="danger" data-testid="reset-confirm-submit">Yes, reset</button>
<a class="button" href="/console/steering#reset" data-testid="reset-cancel">No, keep everything</a>
</div>
</form>
</section>`)
}

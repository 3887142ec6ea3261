import { FACE_CODE_LIST } from '../../domain/face-codes.js'
import { OCR_CODES, foreignCodeProblem, outcomeLabel } from '../../domain/ocr-codes.js'
import type { Scenario } from '../../schemas/scenario.js'
import { html, type SafeHtml } from '../escape.js'
import { presetsFor } from '../presets.js'
import type { JournalRow, SessionView } from '../../routes/console/control-plane.js'
import { EMPTY_FORM, formError, jsonBlock, selectField, textField, type FormState } from './fields.js'
import { journalTable } from './journal.js'
import { consoleLayout, formToken, type PageContext } from './layout.js'
import { outcomeOf } from './outcome.js'
import { sessionHref } from './sessions.js'

export const completePath = (token: string): string => `${sessionHref(token)}/complete`
export const expirePath = (token: string): string => `${sessionHref(token)}/expire`

export interface SessionDetailState {
  view: SessionView
  journal: JournalRow[]
  scenarios: readonly Scenario[]
  /** FACE_PASS_THRESHOLD: which scenarios fit the session depends on it. */
  threshold: number
  /** The action that was refused: which form, what was posted, the API's answer. */
  failed?: { form: 'complete-scenario' | 'complete-inline' | 'expire', state: FormState }
  created?: boolean
}

function sandboxSide (v: SessionView): unknown {
  const { record: _record, ...sandbox } = v
  return sandbox
}

function attempts (v: SessionView): SafeHtml {
  const rows = [
    ...v.attempts.ocr.map((a, i) => html`<li data-testid="attempt-ocr-${i + 1}">document attempt ${i + 1}: <code>${outcomeLabel(a.code)}</code></li>`),
    ...v.attempts.face.map((a, i) => html`<li data-testid="attempt-face-${i + 1}">face attempt ${i + 1}: <code>${a.code}</code>${a.sim !== undefined && html` (similarity ${a.sim})`}</li>`)
  ]
  return rows.length === 0 ? html`<p class="empty" data-testid="no-attempts">No attempt played yet.</p>` : html`<ol data-testid="attempts">${rows}</ol>`
}

function actions (ctx: PageContext, s: SessionDetailState): SafeHtml {
  const v = s.view
  const state = (form: string): FormState => s.failed?.form === form ? s.failed.state : EMPTY_FORM
  const offered = presetsFor({ type: v.record.type, idType: v.record.ocr_type, threshold: s.threshold }, s.scenarios)
  const inline = state('complete-inline')
  const open = !v.finished && !v.expired
  return html`<section aria-labelledby="actions-heading" data-testid="actions">
<h2 id="actions-heading">Actions</h2>
${open ? html`<div class="inline-forms">
<form method="post" action="${completePath(v.token)}" data-testid="complete-scenario-form">
${formToken(ctx, completePath(v.token))}
${formError(state('complete-scenario'), 'complete-scenario-error')}
<input type="hidden" name="mode" value="scenario">
${selectField({ form: 'complete', state: state('complete-scenario'), name: 'scenario', label: 'Finish with a scenario', options: offered.map(sc => [sc.name, `${sc.name}: ${sc.title}`] as const) })}
<div class="actions"><button type="submit" class="primary" data-testid="complete-scenario-submit">Finish with this scenario</button></div>
</form>
<form method="post" action="${completePath(v.token)}" data-testid="complete-inline-form">
${formToken(ctx, completePath(v.token))}
${formError(inline, 'complete-inline-error')}
<input type="hidden" name="mode" value="inline">
${selectField({ form: 'inline', state: inline, name: 'ocr_code', label: 'Or inline: the document attempt\'s code', options: OCR_CODES.filter(c => foreignCodeProblem(c, v.record.ocr_type) === null).map(c => [c, c] as const) })}
${v.record.type === '00' && html`${selectField({ form: 'inline', state: inline, name: 'face_code', label: 'the face attempt\'s code', options: [['', 'none: stop after the document'], ...FACE_CODE_LIST.map(c => [c, c] as const)] })}
${textField({ form: 'inline', state: inline, name: 'sim', label: 'similarity 0 to 100 (empty: the default)', type: 'number' })}`}
<div class="actions"><button type="submit" class="primary" data-testid="complete-inline-submit">Finish inline</button></div>
</form>
</div>` : html`<p class="hint" data-testid="closed-hint">This session is ${outcomeOf(v)}: nothing more can be played (the control plane answers 409).</p>
${formError(state('complete-scenario'), 'complete-scenario-error')}${formError(inline, 'complete-inline-error')}`}
<div class="actions">
${open && html`<form method="post" action="${expirePath(v.token)}" data-testid="expire-form">
${formToken(ctx, expirePath(v.token))}
<button type="submit" class="danger" data-testid="expire-submit">Let the link expire now</button>
</form>`}
${formError(state('expire'), 'expire-error')}
<a class="button" href="${v.page_url}" data-testid="open-hosted-page">Open the hosted page</a>
</div>
</section>`
}

export function sessionDetailPage (ctx: PageContext, s: SessionDetailState): string {
  const v = s.view
  const outcome = outcomeOf(v)
  return consoleLayout(`Session ${v.token}`, 'sessions', ctx, html`<h1>Session <code data-testid="detail-token">${v.token}</code></h1>
${s.created === true && html`<p class="notice" role="status" data-testid="notice">Session created. Open its link to play it as the user.</p>`}
<section aria-labelledby="summary-heading" data-testid="summary">
<h2 id="summary-heading">Summary</h2>
<dl>
<dt>Hosted page</dt><dd><a class="mono" href="${v.page_url}" data-testid="session-link">${v.page_url}</a></dd>
<dt>Client</dt><dd data-testid="detail-client">${v.client_id}</dd>
<dt>Outcome</dt><dd data-testid="detail-outcome">${outcome}${v.armed_scenario !== null && html` (armed: <code>${v.armed_scenario}</code>)`}</dd>
<dt>latest_error</dt><dd>${v.record.latest_error === null ? '-' : html`<code>${v.record.latest_error}</code>`}</dd>
<dt>Returns to</dt><dd class="mono" data-testid="detail-return-url">${v.return_url}</dd>
</dl>
</section>
${actions(ctx, s)}
<section aria-labelledby="attempts-heading">
<h2 id="attempts-heading">Attempts played</h2>
${attempts(v)}
</section>
<div class="two">
<section aria-labelledby="record-heading">
<h2 id="record-heading">The record</h2>
<p class="hint">Exactly what <code>GET /api/ekyc/verifications/{token}</code> returns as <code>result</code>.</p>
${jsonBlock(v.record, 'record-json')}
</section>
<section aria-labelledby="sandbox-heading">
<h2 id="sandbox-heading">The sandbox's view</h2>
<p class="hint">From <code>GET /_sandbox/verifications/{token}</code>, without the record.</p>
${jsonBlock(sandboxSide(v), 'sandbox-json')}
</section>
</div>
<section aria-labelledby="calls-heading">
<h2 id="calls-heading">Calls about this session</h2>
${journalTable(s.journal, false)}
</section>`)
}

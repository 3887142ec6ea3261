import { html, type SafeHtml } from '../escape.js'
import type { SessionView } from '../../routes/console/control-plane.js'
import { formError, selectField, textField, type FormState } from './fields.js'
import { consoleLayout, type PageContext } from './layout.js'
import { OUTCOMES, outcomeOf } from './outcome.js'
import { formatDuration } from './steering-tables.js'

export const sessionHref = (token: string): string => `/console/sessions/${encodeURIComponent(token)}`

export interface SessionListState {
  sessions: SessionView[]
  /** The sandbox clock's now, epoch ms: ages are measured on it. */
  now: number
  filters: FormState
  limit: number
}

function row (v: SessionView, now: number): SafeHtml {
  const outcome = outcomeOf(v)
  const age = formatDuration(Math.max(0, now - Date.parse(v.record.created_at)) / 1000)
  return html`<tr data-testid="session-row">
<td><a class="mono" href="${sessionHref(v.token)}" data-testid="session-token">${v.token}</a></td>
<td data-testid="session-client">${v.client_id}</td>
<td><code>${v.record.type}</code> <code>${v.record.ocr_type}</code></td>
<td data-testid="session-outcome" class="${outcome === 'passed' ? 'passed' : outcome === 'failed' ? 'failed' : ''}">${outcome}${v.armed_scenario !== null && html` (armed: <code>${v.armed_scenario}</code>)`}</td>
<td data-testid="session-latest-error">${v.record.latest_error === null ? '-' : html`<code>${v.record.latest_error}</code>`}</td>
<td data-testid="session-age">${age}</td>
</tr>`
}

export function sessionListPage (ctx: PageContext, s: SessionListState): string {
  const f = { form: 'filter', state: s.filters }
  return consoleLayout('Sessions', 'sessions', ctx, html`<h1>Sessions</h1>
<section aria-labelledby="filter-heading">
<h2 id="filter-heading">Filter</h2>
<form method="get" action="/console/sessions" class="filters" data-testid="session-filters">
${formError(s.filters, 'filter-error')}
<div>${textField({ ...f, name: 'client_id', label: 'client_id' })}</div>
<div>${selectField({ ...f, name: 'outcome', label: 'Outcome', options: [['', 'any'], ...OUTCOMES.map(o => [o, o] as const)] })}</div>
<div class="actions"><button type="submit" data-testid="filter-submit">Show</button></div>
</form>
</section>
<section aria-labelledby="list-heading">
<h2 id="list-heading">Newest first</h2>
<p class="hint">The newest ${s.limit} sessions${s.filters.values.client_id !== undefined && s.filters.values.client_id !== '' && html` of <code>${s.filters.values.client_id}</code>`}, filtered; ages on the sandbox clock.</p>
${s.sessions.length === 0
  ? html`<p class="empty" data-testid="no-sessions">No session matches.</p>`
  : html`<div class="scroll"><table data-testid="sessions">
<thead><tr><th>Token</th><th>Client</th><th>Type</th><th>Outcome</th><th>latest_error</th><th>Age</th></tr></thead>
<tbody>
${s.sessions.map(v => row(v, s.now))}
</tbody></table></div>`}
</section>`)
}

import { ROUTE_NAMES } from '../../schemas/sandbox.js'
import { html, type SafeHtml } from '../escape.js'
import type { JournalRow } from '../../routes/console/control-plane.js'
import { formError, selectField, textField, type FormState } from './fields.js'
import { consoleLayout, type PageContext } from './layout.js'

/**
 * The journal's rows; `links` makes each token a link to its session. A call the answer does not
 * explain (a 401: which of the reasons) shows the sandbox's note under its status.
 */
export function journalTable (rows: readonly JournalRow[], links: boolean): SafeHtml {
  if (rows.length === 0) return html`<p class="empty" data-testid="no-journal">No call recorded.</p>`
  return html`<div class="scroll"><table data-testid="journal">
<thead><tr><th>Time</th><th>Call</th><th>Route</th><th>client_id sent</th><th>Status</th><th>Token</th><th>ms</th></tr></thead>
<tbody>
${rows.map(e => html`<tr data-testid="journal-row">
<td><time datetime="${e.time}">${e.time}</time></td>
<td class="mono" data-testid="journal-call">${e.method} ${e.path}</td>
<td>${e.route}</td>
<td data-testid="journal-client">${e.client_id ?? '-'}</td>
<td data-testid="journal-status" class="${e.status >= 400 ? 'failed' : ''}">${e.status}${e.note === null ? '' : html`<br><small class="note" data-testid="journal-note">${e.note}</small>`}</td>
<td class="mono">${e.token === null ? '-' : links ? html`<a href="/console/sessions/${encodeURIComponent(e.token)}">${e.token}</a>` : e.token}</td>
<td>${e.duration_ms}</td>
</tr>`)}
</tbody></table></div>`
}

export interface JournalPageState {
  rows: JournalRow[]
  filters: FormState
}

export function journalPage (ctx: PageContext, s: JournalPageState): string {
  const f = { form: 'journal', state: s.filters }
  return consoleLayout('Journal', 'journal', ctx, html`<h1>Journal</h1>
<section aria-labelledby="journal-filter-heading">
<h2 id="journal-filter-heading">Filter</h2>
<form method="get" action="/console/journal" class="filters" data-testid="journal-filters">
${formError(s.filters, 'journal-filter-error')}
<div>${textField({ ...f, name: 'client_id', label: 'client_id' })}</div>
<div>${selectField({ ...f, name: 'route', label: 'Route', options: [['', 'any'], ...ROUTE_NAMES.map(r => [r, r] as const)] })}</div>
<div>${textField({ ...f, name: 'status', label: 'Status (e.g. 422 or 4xx)' })}</div>
<div class="actions"><button type="submit" data-testid="journal-filter-submit">Show</button></div>
</form>
</section>
<section aria-labelledby="journal-heading">
<h2 id="journal-heading">Recent calls, newest first</h2>
<p class="hint">Every API and page call, as the merchant's backend or the user's browser sent it (the last 200).</p>
${journalTable(s.rows, true)}
</section>`)
}

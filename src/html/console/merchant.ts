import type { ErrorEnvelope } from '../../errors.js'
import { html } from '../escape.js'
import { jsonBlock } from './fields.js'
import { consoleLayout, type PageContext } from './layout.js'
import { sessionHref } from './sessions.js'

export interface MerchantState {
  isSuccess: string | undefined
  clientId: string | undefined
  token: string | null
  /** The GET answer: the whole body on 200, or the error envelope. */
  read: { ok: true, body: unknown } | { ok: false, error: ErrorEnvelope } | null
}

/** The stand-in merchant's return page: what a merchant's redirect_url receives, and what its backend reads. */
export function merchantPage (ctx: PageContext, s: MerchantState): string {
  return consoleLayout('Stand-in merchant', null, ctx, html`<h1>Stand-in merchant: the user is back</h1>
<section aria-labelledby="received-heading" data-testid="received">
<h2 id="received-heading">What the redirect brought</h2>
<dl>
<dt>is_success</dt><dd class="outcome ${s.isSuccess === '1' ? 'passed' : 'failed'}" data-testid="return-is-success">${s.isSuccess ?? '(none)'}</dd>
<dt>client_id</dt><dd data-testid="return-client">${s.clientId ?? '(none)'}</dd>
<dt>Session</dt><dd>${s.token === null ? html`<span data-testid="return-no-session">not found: it may have been reset or evicted</span>` : html`<a class="mono" href="${sessionHref(s.token)}" data-testid="console-session-link">${s.token}</a> (in the console)`}</dd>
</dl>
<p class="hint">A real merchant must not trust <code>is_success</code> from the URL: its backend reads the record.</p>
</section>
<section aria-labelledby="read-heading">
<h2 id="read-heading">What the merchant's backend reads</h2>
${s.read === null
  ? html`<p class="empty">Nothing to read without a session.</p>`
  : s.read.ok
    ? html`<p class="hint"><code>GET /api/ekyc/verifications/${s.token}</code> with the client's credentials answered 200; its <code>result</code>:</p>${jsonBlock((s.read.body as { result?: unknown }).result ?? s.read.body, 'record-json')}`
    : html`<p class="form-error" data-testid="record-error"><code>GET /api/ekyc/verifications/${s.token}</code> answered HTTP ${s.read.error.status}: ${s.read.error.message}</p>${jsonBlock(s.read.error, 'record-error-json')}`}
</section>`)
}

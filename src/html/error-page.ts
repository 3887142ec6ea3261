import { html, type SafeHtml } from './escape.js'
import { pageLayout } from './page-layout.js'

export interface ErrorPageOptions {
  status: number
  message: string
  /** Scenario names to list, when the problem was an unknown one. */
  knownScenarios?: readonly string[]
  /** The session's page, when the token is known. */
  pageUrl?: string
}

/** Any error on the hosted page, as HTML: the status, the reason, and where to go from here. */
export function errorPage (o: ErrorPageOptions): string {
  const title = o.status === 404 ? 'Not found' : `Error ${o.status}`
  return pageLayout(title, html`<h1 data-testid="error-title">${title}</h1>
<section aria-labelledby="error-heading" data-testid="error">
<h2 id="error-heading">What happened</h2>
<p data-testid="error-message">${o.message}</p>
<p class="hint">HTTP status <code data-testid="error-status">${o.status}</code>. Nothing was applied to the session.</p>
${o.pageUrl !== undefined && html`<a class="button" href="${o.pageUrl}" data-testid="back-to-page">Back to the verification page</a>`}
</section>
${o.knownScenarios !== undefined && knownList(o.knownScenarios)}`)
}

function knownList (names: readonly string[]): SafeHtml {
  return html`<section aria-labelledby="known-heading" data-testid="known-scenarios">
<h2 id="known-heading">Known scenarios</h2>
<ul class="names">
${names.map(n => html`<li><code>${n}</code></li>`)}
</ul>
</section>`
}

import { html } from '../escape.js'
import { consoleLayout, type PageContext } from './layout.js'

/** Any console error as a page: the status, the reason, the way home. */
export function consoleErrorPage (ctx: PageContext | null, status: number, message: string): string {
  const title = status === 404 ? 'Not found' : `Error ${status}`
  return consoleLayout(title, null, ctx, html`<h1 data-testid="error-title">${title}</h1>
<section aria-labelledby="error-heading" data-testid="error">
<h2 id="error-heading">What happened</h2>
<p data-testid="error-message">${message}</p>
<p class="hint">HTTP status <code data-testid="error-status">${status}</code>. Nothing was applied.</p>
<a class="button" href="/">Back to the console</a>
</section>`)
}

import { createHash } from 'node:crypto'
import { html, raw, type SafeHtml } from '../escape.js'
import { PAGE_CSS } from '../styles.js'
import { CONSOLE_CSS } from './styles.js'

const CSS = PAGE_CSS + CONSOLE_CSS
const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`

/** The navigation's item for a page; null for a page the navigation does not list (the merchant, sign-in, errors). */
export type NavItem = 'home' | 'sessions' | 'steering' | 'journal' | 'catalogue' | null

const NAV: Array<[Exclude<NavItem, null>, string, string]> = [
  ['home', '/', 'Home'],
  ['sessions', '/console/sessions', 'Sessions'],
  ['steering', '/console/steering', 'Steering'],
  ['journal', '/console/journal', 'Journal'],
  ['catalogue', '/console/scenarios', 'Catalogue']
]

/** What every console page needs from the request: the form tokens and whether to offer sign-out. */
export interface PageContext {
  formToken: (path: string) => string
  /** Signed in to a guarded console: the navigation offers signing out. */
  canSignOut: boolean
}

/** The hidden field every console form carries (see ConsoleGuard). */
export function formToken (ctx: PageContext, path: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${ctx.formToken(path)}">`
}

function nav (active: NavItem, ctx: PageContext | null): SafeHtml | false {
  if (ctx === null) return false
  return html`<nav class="console" aria-label="Console" data-testid="console-nav">
${NAV.map(([id, href, label]) => html`<a href="${href}"${id === active && html` aria-current="page"`}>${label}</a>`)}
<a href="/documentation">API docs</a>
${ctx.canSignOut && html`<form method="post" action="/console/sign-out">${formToken(ctx, '/console/sign-out')}<button type="submit" data-testid="sign-out">Sign out</button></form>`}
</nav>`
}

/** A whole console page. `ctx` null: no navigation (the sign-in page shows nothing else). */
export function consoleLayout (title: string, active: NavItem, ctx: PageContext | null, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · eKYC sandbox console</title>
<link rel="icon" href="data:,">
<style>${raw(CSS)}</style>
</head>
<body>
<header class="banner" data-testid="sandbox-banner">
<p><strong>SANDBOX</strong> QA console of the MasChain eKYC sandbox: nothing here is real, nothing leaves this machine.</p>
</header>
<main class="console">
${nav(active, ctx)}
${content}
</main>
</body>
</html>
`.value
}

/** No script at all; styles by hash; forms post to the console only. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  'img-src data:',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

export const CONSOLE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONSOLE_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY'
}

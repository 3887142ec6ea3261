import { createHash } from 'node:crypto'
import { COUNTDOWN_JS } from './countdown.js'
import { ENHANCE_JS } from './enhance.js'
import { html, raw, type SafeHtml } from './escape.js'
import { PAGE_CSS } from './styles.js'

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
const STYLE_HASH = sha256(PAGE_CSS)
// The semicolon: two IIFEs on separate lines would otherwise parse as one call of the other.
const PAGE_JS = `${COUNTDOWN_JS};\n${ENHANCE_JS};`
const SCRIPT_HASH = sha256(PAGE_JS)

/** A whole HTML document: the SANDBOX banner, one stylesheet, one small script, the content. */
export function pageLayout (title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · eKYC sandbox</title>
<link rel="icon" href="data:,">
<style>${raw(PAGE_CSS)}</style>
</head>
<body>
<header class="banner" data-testid="sandbox-banner">
<p><strong>SANDBOX</strong> Test page of the MasChain eKYC sandbox: no camera, no real identity check, nothing leaves this machine.</p>
</header>
<main>
${content}
</main>
<script>${raw(PAGE_JS)}</script>
</body>
</html>
`.value
}

/**
 * Only this page's own style and script run; forms may post to the page itself and follow its
 * 303 to the merchant (Chromium checks `form-action` on the redirect too), so the merchant's
 * origin is allowed when it is a plain origin; anything stranger falls back to its scheme.
 */
export function contentSecurityPolicy (redirectUrl?: string): string {
  const formAction = ["'self'"]
  if (redirectUrl !== undefined && URL.canParse(redirectUrl)) {
    const url = new URL(redirectUrl)
    formAction.push(/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(url.origin) ? url.origin : url.protocol)
  }
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `script-src ${SCRIPT_HASH}`,
    'img-src data:',
    `form-action ${formAction.join(' ')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Headers every page carries: the CSP, no caching (the page is live state), no token in Referer. */
export function pageHeaders (redirectUrl?: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(redirectUrl),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY'
  }
}

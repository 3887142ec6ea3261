import { html } from '../escape.js'
import { consoleLayout, formToken, type PageContext } from './layout.js'

export const SIGN_IN_PATH = '/console/sign-in'

/** All a guarded console shows before the sign-in: this form, and nothing about sessions. */
export function signInPage (ctx: PageContext, next: string, wrong: boolean): string {
  return consoleLayout('Sign in', null, null, html`<h1>Sign in to the console</h1>
<section aria-labelledby="sign-in-heading">
<h2 id="sign-in-heading">This sandbox is guarded</h2>
<p>Enter the <code>SANDBOX_ADMIN_TOKEN</code> it was started with.</p>
<form method="post" action="${SIGN_IN_PATH}" data-testid="sign-in">
${formToken(ctx, SIGN_IN_PATH)}
<input type="hidden" name="next" value="${next}">
${wrong && html`<p class="form-error" role="alert" data-testid="sign-in-error">That is not the admin token.</p>`}
<label for="sign-in-token">Admin token</label>
<input type="password" id="sign-in-token" name="token" autocomplete="current-password" required data-testid="sign-in-token">
<div class="actions"><button type="submit" class="primary" data-testid="sign-in-submit">Sign in</button></div>
</form>
</section>`)
}

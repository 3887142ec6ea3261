import type { Scenario } from '../schemas/scenario.js'
import { html } from './escape.js'
import { pageLayout } from './page-layout.js'
import { presetSection } from './presets.js'
import { attemptList, sessionSummary } from './session-summary.js'
import type { SessionView } from './session-view.js'
import { exitSection, stepSection } from './step-form.js'

/** The page of an open session: presets until the first attempt, then the step-by-step mode. */
export function verificationPage (s: SessionView, scenarios: readonly Scenario[]): string {
  return pageLayout('Verify your identity', html`<h1>Verify your identity</h1>
${sessionSummary(s)}
${attemptList(s.attempts)}
${!s.started && presetSection(s, scenarios)}
${stepSection(s)}
${exitSection(s)}`)
}

/** The page of a session that can no longer change: what happened, and the one way back. */
export function closedPage (s: SessionView, note?: string): string {
  const title = s.finished ? 'Verification finished' : 'This link has expired'
  const isSuccess = s.finished ? s.isSuccess : 0
  return pageLayout(title, html`<h1 data-testid="closed-title">${title}</h1>
${note !== undefined && html`<p role="alert" data-testid="note">${note}</p>`}
<section aria-labelledby="outcome-heading" data-testid="closed">
<h2 id="outcome-heading">Outcome</h2>
<p class="outcome ${isSuccess === 1 ? 'passed' : 'failed'}" data-testid="outcome">${outcomeText(s)}</p>
${s.latestError !== null && html`<p>Latest error: <code data-testid="latest-error">${s.latestError}</code></p>`}
<a class="button primary" href="${s.returnUrl}" data-testid="return-link">Back to the merchant (is_success=${isSuccess})</a>
</section>
${sessionSummary(s)}
${attemptList(s.attempts)}`)
}

function outcomeText (s: SessionView): string {
  if (!s.finished) return 'The link expired before the verification finished. Nothing more can be played.'
  if (s.isSuccess === 1) return 'Verification passed.'
  return s.attempts.length === 0 ? 'The user left without an attempt.' : 'Verification did not pass.'
}

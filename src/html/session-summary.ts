import { html, type SafeHtml } from './escape.js'
import { formatSecondsLeft } from './countdown.js'
import { MAX_FACE_RETRIES, MAX_OCR_RETRIES, type AttemptView, type SessionView } from './session-view.js'
import { formatRelative, timeElement } from './time.js'

const TYPE_LABELS = { '00': 'document + face + liveness', '01': 'document only (OCR)' } as const
const DOCUMENT_LABELS = { ID_CARD: 'Malaysian identity card', PASSPORT: 'passport' } as const

/** The session at a glance: what was asked for, time and retries left, where the user returns. */
export function sessionSummary (s: SessionView): SafeHtml {
  return html`<section aria-labelledby="session-heading" data-testid="session">
<h2 id="session-heading">Session</h2>
<dl>
<dt>Type</dt><dd data-testid="session-type"><code>${s.type}</code> ${TYPE_LABELS[s.type]}</dd>
<dt>Document</dt><dd data-testid="session-document"><code>${s.idType}</code> ${DOCUMENT_LABELS[s.idType]}</dd>
<dt>Country</dt><dd data-testid="session-country"><code>${s.idCountry}</code></dd>
<dt>Time left</dt><dd>${timeLeft(s)}</dd>
<dt>OCR retries left</dt><dd data-testid="ocr-retries-left">${s.ocrRetriesLeft} of ${MAX_OCR_RETRIES}</dd>
${s.type === '00' && html`<dt>Face retries left</dt><dd data-testid="face-retries-left">${s.faceRetriesLeft} of ${MAX_FACE_RETRIES}</dd>`}
<dt>Returns to</dt><dd class="mono" data-testid="redirect-url">${s.redirectUrl}</dd>
</dl>
</section>`
}

function timeLeft (s: SessionView): SafeHtml {
  // Relative to the sandbox clock, which /_sandbox/clock may have moved: the browser's clock cannot say.
  if (s.expired) return html`<span data-testid="time-left">expired ${formatRelative(-s.secondsSinceExpiry)}, at ${timeElement(s.expireAt, 'expire-at')}</span>`
  if (s.finished) return html`<span data-testid="time-left">finished</span>`
  return html`<span role="timer" data-countdown data-seconds-left="${s.secondsLeft}" data-testid="time-left">${formatSecondsLeft(s.secondsLeft)}</span>
<span class="hint">(until ${timeElement(s.expireAt, 'expire-at')})</span>`
}

/** The attempts played so far, in order, each with its code and verdict. */
export function attemptList (attempts: AttemptView[]): SafeHtml | false {
  if (attempts.length === 0) return false
  return html`<section aria-labelledby="attempts-heading" data-testid="attempts">
<h2 id="attempts-heading">Attempts so far</h2>
<ol class="attempts">
${attempts.map(a => html`<li data-testid="attempt-${a.step}-${a.number}" class="${a.passed ? 'passed' : 'failed'}">
<strong>${a.passed ? 'Passed' : 'Failed'}</strong>: ${a.step === 'ocr' ? 'document' : 'face'} attempt ${a.number},
<code>${a.code}</code>${a.description !== a.code && html` ${a.description}`}${a.sim !== null && html` (similarity ${a.sim})`}</li>`)}
</ol>
</section>`
}

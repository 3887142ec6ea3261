import { MAX_FACE_ATTEMPTS, MAX_OCR_ATTEMPTS } from '../domain/attempts.js'
import { FACE_CODES, FACE_UNLISTED_CODES } from '../domain/face-codes.js'
import type { IdType } from '../domain/documents.js'
import { describeOcrCode, engineFailuresFor, OCR_WARNINGS } from '../domain/ocr-codes.js'
import { CARD_TYPE_VALUES } from '../schemas/scenario.js'
import { html, type SafeHtml } from './escape.js'
import { pageHref, type SessionView } from './session-view.js'

const option = (value: string, label: string): SafeHtml => html`<option value="${value}">${label}</option>`

/** The value that plays the warnings ticked below the select as one attempt. */
export const TICKED_WARNINGS = 'warnings'

/** Only the codes the engine reading this document kind returns: a foreign code is never offered. */
function ocrCodeSelect (kind: IdType): SafeHtml {
  const failure = (code: ReturnType<typeof engineFailuresFor>[number]): SafeHtml => option(code, `${code}: ${describeOcrCode(code)}`)
  return html`<select id="ocr-code" name="code" data-testid="ocr-code">
${option('Success', 'Success: the document reads cleanly')}
<optgroup label="Card warnings (shown negated in WarnCardInfos)">
${Object.entries(OCR_WARNINGS).map(([code, text]) => option(code, `${code}: ${text}`))}
${option(TICKED_WARNINGS, 'Several card warnings: the ones ticked below')}
</optgroup>
<optgroup label="Engine failures (no OCR result)">
${engineFailuresFor(kind, true).map(failure)}
</optgroup>
<optgroup label="Engine codes MasChain does not list (no OCR result)" data-testid="ocr-unlisted">
${engineFailuresFor(kind, false).map(failure)}
</optgroup>
</select>
<fieldset class="warnings" data-testid="ocr-warnings">
<legend>Card warnings in one photo (with “Several card warnings”)</legend>
${Object.entries(OCR_WARNINGS).map(([code, text]) => html`<label class="check"><input type="checkbox" name="warning" value="${code}" data-testid="warning-${code}"> ${code}: ${text}</label>
`)}</fieldset>`
}

/** Chosen once, on the first OCR attempt: what the document the OCR reads looks like. */
function documentChoice (s: SessionView): SafeHtml | false {
  if (s.started) return false
  if (s.idType === 'ID_CARD') {
    return html`<label for="card-type">Card the user shows</label>
<select id="card-type" name="card_type" data-testid="card-type">
${CARD_TYPE_VALUES.map(c => option(c, c))}
</select>`
  }
  return html`<label class="check"><input type="checkbox" name="passport_expired" value="1" data-testid="passport-expired"> The passport has expired</label>`
}

function ocrForm (s: SessionView): SafeHtml {
  // Stryker disable next-line MethodExpression: the OCR form shows only before any face attempt, so every attempt is an OCR one
  const number = s.attempts.filter(a => a.step === 'ocr').length + 1
  return html`<form method="post" action="${pageHref(s.token)}" data-testid="ocr-form">
<input type="hidden" name="action" value="ocr">
<input type="hidden" name="at" value="${s.stamp}">
<p data-testid="step-title">Document (OCR): attempt ${number} of ${MAX_OCR_ATTEMPTS}</p>
${documentChoice(s)}
<label for="ocr-code">OCR outcome</label>
${ocrCodeSelect(s.idType)}
<div class="actions"><button type="submit" class="primary" data-testid="play-ocr">Play document attempt ${number}</button></div>
</form>`
}

function faceForm (s: SessionView): SafeHtml {
  const number = s.attempts.filter(a => a.step === 'face').length + 1
  return html`<form method="post" action="${pageHref(s.token)}" data-testid="face-form">
<input type="hidden" name="action" value="face">
<input type="hidden" name="at" value="${s.stamp}">
<p data-testid="step-title">Face and liveness: attempt ${number} of ${MAX_FACE_ATTEMPTS}</p>
<label for="face-code">Face outcome</label>
<select id="face-code" name="code" data-testid="face-code">
${option('Success', 'Success: same person, live')}
${Object.entries(FACE_CODES).map(([code, text]) => option(code, `${code}: ${text}`))}
<optgroup label="Engine codes MasChain does not list" data-testid="face-unlisted">
${Object.entries(FACE_UNLISTED_CODES).map(([code, text]) => option(code, `${code}: ${text}`))}
</optgroup>
</select>
<label for="face-sim">Similarity (0 to 100)</label>
<input type="number" id="face-sim" name="sim" min="0" max="100" step="0.01" inputmode="decimal" aria-describedby="face-sim-hint" data-testid="face-sim">
<p class="hint" id="face-sim-hint">Leave empty for the default (95 on Success). Success under the threshold of ${s.threshold} becomes <code>FailedOperation.CompareLowSimilarity</code>.</p>
<div class="actions"><button type="submit" class="primary" data-testid="play-face">Play face attempt ${number}</button></div>
</form>`
}

/** The step-by-step mode: the next attempt to play, until the retry caps end the flow. */
export function stepSection (s: SessionView): SafeHtml | false {
  if (s.next === 'done') return false
  return html`<section aria-labelledby="step-heading" data-testid="step-by-step">
<h2 id="step-heading">Step by step</h2>
<p class="hint" data-testid="retry-hint">Play each attempt yourself. The first attempt of a step is not a retry; each attempt after it uses one, as the retries left above count. A failure with no retry left sends you back to the merchant.</p>
${s.next === 'ocr' ? ocrForm(s) : faceForm(s)}
</section>`
}

/** Ways out that need no attempt: leave now, or let the link run out. */
export function exitSection (s: SessionView): SafeHtml {
  return html`<section aria-labelledby="exit-heading" data-testid="exits">
<h2 id="exit-heading">Leave</h2>
<div class="actions">
<form method="post" action="${pageHref(s.token)}">
<input type="hidden" name="action" value="give-up"><input type="hidden" name="at" value="${s.stamp}">
<button type="submit" class="danger" data-testid="give-up">Give up and go back</button>
</form>
<form method="post" action="${pageHref(s.token)}">
<input type="hidden" name="action" value="expire"><input type="hidden" name="at" value="${s.stamp}">
<button type="submit" class="danger" data-testid="expire-link">Let the link expire</button>
</form>
</div>
<p class="hint">Both send you back with <code>is_success=0</code>.</p>
</section>`
}

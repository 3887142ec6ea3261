import { resolveAttempts } from '../domain/attempts.js'
import { fits, ocrAttemptsFor } from '../domain/scenario-rules.js'
import type { Scenario, ScenarioGroup } from '../schemas/scenario.js'
import { html, type SafeHtml } from './escape.js'
import { pageHref, type SessionView } from './session-view.js'

export const GROUP_LABELS: Record<ScenarioGroup, string> = {
  passes: 'Passes',
  document: 'Document problems',
  face: 'Face problems',
  other: 'Other'
}

/**
 * The scenarios a preset button may offer on this session: only those that fit it (document kind,
 * type, codes of its engine, a face step when their face attempts fail); the face group is left
 * out of an OCR-only session altogether, where no face attempt is ever played.
 */
export function presetsFor (s: Pick<SessionView, 'type' | 'idType' | 'threshold'>, scenarios: readonly Scenario[]): Scenario[] {
  return scenarios.filter(sc => fits(sc, s, s.threshold) && !(s.type === '01' && sc.group === 'face'))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The grouped buttons depend only on the catalogue and the session's kind, so each catalogue keeps
 * them per kind: building and escaping ~45 buttons was a quarter of the page's CPU time. Keyed by
 * the catalogue's own array, so every app instance has its own and none outlives its catalogue.
 */
const buttonsByCatalogue = new WeakMap<readonly Scenario[], Map<string, SafeHtml>>()

/** Whether the scenario ends with `is_success=1` on a session of this kind: the button's verdict. */
export function scenarioPasses (sc: Scenario, s: Pick<SessionView, 'type' | 'idType' | 'threshold'>): boolean {
  if (sc.expire === true) return false
  // Stryker disable next-line ArrayDeclaration,ArrowFunction,StringLiteral: the verdict reads only isSuccess, and a session that needs a face fails without a real face attempt either way
  const outcome = resolveAttempts(ocrAttemptsFor(sc, s.idType), sc.face?.attempts ?? [], { type: s.type, threshold: s.threshold, ocrResult: () => ({}), requestId: () => '' })
  return outcome.isSuccess === 1
}

function presetButtons (s: Pick<SessionView, 'type' | 'idType' | 'threshold'>, scenarios: readonly Scenario[]): SafeHtml {
  let byKind = buttonsByCatalogue.get(scenarios)
  if (byKind === undefined) {
    byKind = new Map()
    buttonsByCatalogue.set(scenarios, byKind)
  }
  const kind = `${s.type}:${s.idType}:${s.threshold}`
  let buttons = byKind.get(kind)
  if (buttons === undefined) {
    buttons = buildButtons(presetsFor(s, scenarios), sc => scenarioPasses(sc, s))
    byKind.set(kind, buttons)
  }
  return buttons
}

/**
 * Each group folds (<details>, no script needed); all start open, and the page's script folds all
 * but the first on a phone. A button says its verdict in words and an icon, and passes and failures
 * differ in border style too, so colour is never the only cue.
 */
function buildButtons (offered: readonly Scenario[], passes: (sc: Scenario) => boolean): SafeHtml {
  const groups = (Object.keys(GROUP_LABELS) as ScenarioGroup[])
    .map(group => ({ group, items: offered.filter(sc => sc.group === group) }))
    .filter(g => g.items.length > 0)
  return html`${groups.map(g => html`<details class="group" open data-testid="group-${g.group}-details">
<summary data-testid="group-${g.group}-toggle"><h3 id="group-${g.group}">${GROUP_LABELS[g.group]}</h3> <span class="count">${g.items.length}</span></summary>
<div class="presets" role="group" aria-labelledby="group-${g.group}" data-testid="group-${g.group}">
${g.items.map(sc => verdictButton(sc, passes(sc)))}</div>
</details>
`)}`
}

function verdictButton (sc: Scenario, passes: boolean): SafeHtml {
  return html`<button type="submit" name="scenario" value="${sc.name}" class="${passes ? 'to-pass' : 'to-fail'}" data-testid="scenario-${sc.name}" data-outcome="${passes ? 'pass' : 'fail'}"${sc.description !== undefined && html` title="${sc.description}"`}><span class="verdict">${passes ? '✓ passes' : '✗ fails'}</span> ${sc.title}<span class="name">${sc.name}</span></button>
`
}

/** One form, one submit button per scenario, grouped; a click plays it all and returns to the merchant. */
export function presetSection (s: SessionView, scenarios: readonly Scenario[]): SafeHtml {
  return html`<section aria-labelledby="presets-heading" data-testid="presets">
<h2 id="presets-heading">Finish with a scenario</h2>
<p class="hint">One click plays every attempt of the scenario and sends you back to the merchant. Or <a href="#step-heading">play each attempt yourself</a>.</p>
<form method="post" action="${pageHref(s.token)}">
<input type="hidden" name="action" value="scenario">
<input type="hidden" name="at" value="${s.stamp}">
${presetButtons(s, scenarios)}</form>
</section>`
}

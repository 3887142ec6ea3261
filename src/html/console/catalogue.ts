import { outcomeLabel, type OcrOutcome } from '../../domain/ocr-codes.js'
import type { Scenario } from '../../schemas/scenario.js'
import { html, type SafeHtml } from '../escape.js'
import { GROUP_LABELS, presetsFor } from '../presets.js'
import type { ScenarioEntry } from '../../routes/console/control-plane.js'
import { consoleLayout, type PageContext } from './layout.js'

const KINDS = [
  { type: '00', idType: 'ID_CARD' }, { type: '00', idType: 'PASSPORT' },
  { type: '01', idType: 'ID_CARD' }, { type: '01', idType: 'PASSPORT' }
] as const

/**
 * The document kinds and session types each scenario is offered for: the hosted page's own rule,
 * its offer for each of the four kinds worked out once for the whole table.
 */
function fitsOf (all: readonly Scenario[], threshold: number): (scenario: Scenario) => { kinds: string, types: string } {
  const offers = KINDS.map(k => ({ ...k, presets: new Set(presetsFor({ ...k, threshold }, all)) }))
  return scenario => {
    const offered = offers.filter(k => k.presets.has(scenario))
    return {
      kinds: [...new Set(offered.map(k => k.idType))].join(', ') || 'none',
      types: [...new Set(offered.map(k => k.type))].join(', ') || 'none'
    }
  }
}

/** A code, several warnings (`9102 + 9108`), or one per engine (`ID_CARD: … / PASSPORT: …`). */
function ocrCodeText (code: OcrOutcome | Record<string, OcrOutcome>): string {
  if (typeof code === 'string' || Array.isArray(code)) return outcomeLabel(code)
  return Object.entries(code).map(([kind, c]) => `${kind}: ${outcomeLabel(c)}`).join(' / ')
}

function attemptsText (e: ScenarioEntry): SafeHtml {
  if (e.expire) return html`the link expires; no attempt`
  const ocr = e.attempts.ocr.map(a => ocrCodeText(a.code))
  const face = e.attempts.face.map(a => a.sim === undefined ? a.code : `${a.code} (${a.sim})`)
  return html`${ocr.length > 0 && html`document: <code>${ocr.join(', ')}</code>`}${ocr.length > 0 && face.length > 0 && html`<br>`}${face.length > 0 && html`face: <code>${face.join(', ')}</code>`}${ocr.length === 0 && face.length === 0 && 'the user leaves with no attempt'}`
}

export function cataloguePage (ctx: PageContext, entries: readonly ScenarioEntry[], scenarios: readonly Scenario[], threshold: number): string {
  const byName = new Map(scenarios.map(s => [s.name, s]))
  const fits = fitsOf(scenarios, threshold)
  return consoleLayout('Catalogue', 'catalogue', ctx, html`<h1>Scenario catalogue</h1>
<p class="hint">${entries.length} scenarios, from <code>GET /_sandbox/scenarios</code>. Each is a file in <code>scenarios/</code>.</p>
<section aria-labelledby="catalogue-heading">
<h2 id="catalogue-heading">Every scenario</h2>
<div class="scroll"><table data-testid="catalogue">
<thead><tr><th>Scenario</th><th>Group</th><th>Attempts</th><th>Documents</th><th>Types</th></tr></thead>
<tbody>
${entries.map(e => {
  const scenario = byName.get(e.name)
  const fit = scenario === undefined ? { kinds: '?', types: '?' } : fits(scenario)
  return html`<tr data-testid="scenario-row" id="scenario-${e.name}">
<td><strong>${e.title}</strong><br><code data-testid="scenario-name">${e.name}</code>${e.description !== null && html`<br><span class="hint">${e.description}</span>`}</td>
<td>${GROUP_LABELS[e.group] ?? e.group}</td>
<td>${attemptsText(e)}</td>
<td data-testid="scenario-kinds">${fit.kinds}</td>
<td data-testid="scenario-types">${fit.types}</td>
</tr>`
})}
</tbody></table></div>
</section>`)
}

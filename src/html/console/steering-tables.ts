import { html, type SafeHtml } from '../escape.js'
import type { ArmEntry, ClockState, FaultEntry } from '../../routes/console/control-plane.js'

/** The sandbox clock, and whether it has been moved from real time. */
export function clockLine (c: ClockState): SafeHtml {
  const moved = c.offset_ms === 0 ? 'real time' : `moved ${c.offset_ms > 0 ? 'ahead' : 'back'} by ${formatDuration(Math.abs(c.offset_ms) / 1000)}`
  return html`<time datetime="${c.now}" data-testid="clock-now">${c.now}</time> <span data-testid="clock-offset">(${moved})</span>`
}

export function formatDuration (seconds: number): string {
  const s = Math.floor(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`
}

export function armTable (arms: readonly ArmEntry[]): SafeHtml {
  if (arms.length === 0) return html`<p class="empty" data-testid="no-arms">No arm is waiting.</p>`
  return html`<div class="scroll"><table data-testid="arms">
<thead><tr><th>#</th><th>Scenario</th><th>Client</th><th>Sessions left</th></tr></thead>
<tbody>
${arms.map((a, i) => html`<tr data-testid="arm-row"><td>${i + 1}</td><td><code>${a.scenario}</code></td><td>${a.client_id ?? html`<em>any client</em>`}</td><td>${a.remaining}</td></tr>`)}
</tbody></table></div>`
}

export function faultTable (faults: readonly FaultEntry[]): SafeHtml {
  if (faults.length === 0) return html`<p class="empty" data-testid="no-faults">No fault is waiting.</p>`
  return html`<div class="scroll"><table data-testid="faults">
<thead><tr><th>#</th><th>Route</th><th>Status</th><th>Latency</th><th>Client</th><th>Calls left</th></tr></thead>
<tbody>
${faults.map((f, i) => html`<tr data-testid="fault-row"><td>${i + 1}</td><td>${f.route}</td><td>${f.status ?? '-'}</td><td>${f.latency_ms === null ? '-' : `${f.latency_ms} ms`}</td><td>${f.client_id ?? html`<em>any caller</em>`}</td><td>${f.remaining}</td></tr>`)}
</tbody></table></div>`
}

import { html, type SafeHtml } from '../escape.js'
import type { ArmEntry, ClockState, FaultEntry } from '../../routes/console/control-plane.js'
import type { FormState } from './fields.js'
import { consoleLayout, type PageContext } from './layout.js'
import { newSessionForm } from './new-session.js'
import { OUTCOMES, type Outcome } from './outcome.js'
import { armTable, clockLine, faultTable } from './steering-tables.js'

export interface HomeState {
  clock: ClockState
  arms: ArmEntry[]
  faults: FaultEntry[]
  sessions: number
  /** How many of the newest sessions stand where (see outcomeOf). */
  outcomes: Record<Outcome, number>
  /** How many of the newest sessions `outcomes` counts. */
  counted: number
  strictMode: boolean
}

/** What this is, where things are, the state at a glance, and a session a click away. */
export function homePage (ctx: PageContext, s: HomeState, form: FormState): string {
  return consoleLayout('Console', 'home', ctx, html`<h1>eKYC sandbox console</h1>
<p data-testid="about">An offline stand-in for the MasChain eKYC API. Start a session here with no merchant app, choose its outcome
on the hosted page, and land on a stand-in merchant that shows what yours would receive. Steer the next sessions, inject faults,
move the clock and read the journal of every call, all without curl.</p>
<div class="two">
${newSessionForm(ctx, form, s.strictMode)}
<div>
${glance(s)}
<section aria-labelledby="where-heading" data-testid="where">
<h2 id="where-heading">Where things are</h2>
<ul>
<li><a href="/documentation">Swagger UI</a> and the <a href="/documentation/json">OpenAPI JSON</a>: the emulated API and the control plane</li>
<li><a href="/console/scenarios">The scenario catalogue</a>: every outcome the hosted page can play</li>
<li><a href="/console/steering">Steering</a>: arms, faults, the clock and reset, over the <code>/_sandbox</code> control plane</li>
<li><a href="/console/sessions">Sessions</a> and <a href="/console/journal">the journal</a>: what happened and what each merchant sent</li>
</ul>
</section>
</div>
</div>`)
}

function glance (s: HomeState): SafeHtml {
  return html`<section aria-labelledby="glance-heading" data-testid="glance">
<h2 id="glance-heading">At a glance</h2>
<dl>
<dt>Clock</dt><dd>${clockLine(s.clock)}</dd>
<dt>Sessions held</dt><dd><a href="/console/sessions" data-testid="session-count">${s.sessions}</a></dd>
${s.sessions > 0 && html`<dt>${s.counted < s.sessions ? `Of the newest ${s.counted}` : 'Of them'}</dt><dd data-testid="outcome-counts">${OUTCOMES.map((o, i) => html`${i > 0 && ', '}<a href="/console/sessions?outcome=${o}">${s.outcomes[o]} ${o}</a>`)}</dd>`}
<dt>Armed</dt><dd data-testid="arm-count">${s.arms.length === 0 ? 'nothing' : `${s.arms.length} arm${s.arms.length === 1 ? '' : 's'}`}</dd>
<dt>Faults</dt><dd data-testid="fault-count">${s.faults.length === 0 ? 'none' : `${s.faults.length} waiting`}</dd>
</dl>
${s.arms.length > 0 && html`<h3>Arms</h3>${armTable(s.arms)}`}
${s.faults.length > 0 && html`<h3>Faults</h3>${faultTable(s.faults)}`}
</section>`
}

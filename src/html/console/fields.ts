import type { ErrorEnvelope } from '../../errors.js'
import { html, type SafeHtml } from '../escape.js'

/** A form's values as posted, and the API's answer when it refused them. */
export interface FormState {
  values: Record<string, string>
  error?: ErrorEnvelope
}

export const EMPTY_FORM: FormState = { values: {} }

/** The API's messages for one field (none when it did not refuse that field). */
function messagesFor (state: FormState, name: string): string[] {
  return state.error?.errors?.[name] ?? []
}

/** The API's messages for one field, next to it. */
export function fieldErrors (state: FormState, name: string, id: string): SafeHtml | false {
  const messages = messagesFor(state, name)
  if (messages.length === 0) return false
  return html`<p class="field-error" id="${id}-error" data-testid="error-${name}">${messages.join(' ')}</p>`
}

/** A refused field is marked invalid and points at its message, for screen readers. */
function invalidAttributes (state: FormState, name: string, id: string): SafeHtml | false {
  return messagesFor(state, name).length > 0 && html` aria-invalid="true" aria-describedby="${id}-error"`
}

/** The API's message for the whole form (status and text), above its fields. */
export function formError (state: FormState, testid: string): SafeHtml | false {
  if (state.error === undefined) return false
  return html`<p class="form-error" role="alert" data-testid="${testid}">${state.error.message} <span class="hint">(HTTP ${state.error.status}; nothing was applied)</span></p>`
}

interface FieldOptions {
  form: string
  name: string
  label: string
  state: FormState
  type?: 'text' | 'number' | 'password' | 'url'
  placeholder?: string
  hint?: string
  /** The value shown when the form is fresh. */
  initial?: string
}

export function textField (o: FieldOptions): SafeHtml {
  const id = `${o.form}-${o.name}`
  const value = o.state.values[o.name] ?? o.initial ?? ''
  return html`<label for="${id}">${o.label}</label>
<input type="${o.type ?? 'text'}" id="${id}" name="${o.name}" value="${value}"${o.placeholder !== undefined && html` placeholder="${o.placeholder}"`}${invalidAttributes(o.state, o.name, id)}${o.type === 'number' && html` step="any"`} data-testid="${o.form}-${o.name}">
${o.hint !== undefined && html`<p class="hint">${o.hint}</p>`}
${fieldErrors(o.state, o.name, id)}`
}

export function selectField (o: FieldOptions & { options: ReadonlyArray<readonly [string, string]> }): SafeHtml {
  const id = `${o.form}-${o.name}`
  const chosen = o.state.values[o.name] ?? o.initial ?? ''
  return html`<label for="${id}">${o.label}</label>
<select id="${id}" name="${o.name}"${invalidAttributes(o.state, o.name, id)} data-testid="${o.form}-${o.name}">
${o.options.map(([value, label]) => html`<option value="${value}"${value === chosen && html` selected`}>${label}</option>`)}
</select>
${o.hint !== undefined && html`<p class="hint">${o.hint}</p>`}
${fieldErrors(o.state, o.name, id)}`
}

/** A JSON value, indented, as text (escaped like everything else). */
export function jsonBlock (value: unknown, testid: string): SafeHtml {
  return html`<pre data-testid="${testid}">${JSON.stringify(value, null, 2)}</pre>`
}

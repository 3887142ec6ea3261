// A tiny tagged template for server-rendered HTML: every interpolated value is escaped unless it
// is already a SafeHtml (a fragment built by `html` itself, or marked trusted with `raw`).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

export class SafeHtml {
  constructor (readonly value: string) {}
  toString (): string {
    return this.value
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

const SPECIAL = /[&<>"'`]/
const EVERY_SPECIAL = new RegExp(SPECIAL.source, 'g')

export function escapeHtml (text: string): string {
  // Most values have nothing to escape: a test is far cheaper than a replace with a callback.
  return SPECIAL.test(text) ? text.replace(EVERY_SPECIAL, c => ESCAPES[c]) : text
}

/** Marks a trusted fragment (markup written in this codebase, never user input). */
export function raw (trusted: string): SafeHtml {
  return new SafeHtml(trusted)
}

function render (value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  // null, undefined and false render as nothing, so `${cond && html`...`}` reads naturally.
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

export function html (strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]
  return new SafeHtml(out)
}

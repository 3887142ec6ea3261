// How the page shows a moment: readable, relative where it helps, with the exact ISO value in a
// `title` and `datetime`. The server renders UTC (it cannot know the reader's zone); the page's
// script (enhance.ts) rewrites the text into the browser's local time.
import { html, type SafeHtml } from './escape.js'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2025-02-01T14:11:47.000Z` -> `1 Feb 2025, 14:11:47 UTC` */
export function formatUtc (iso: string): string {
  const d = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
}

/** Seconds from now (negative: in the past) as words: `in 14 min`, `3 min ago`, `just now`. */
export function formatRelative (seconds: number): string {
  const s = Math.abs(Math.trunc(seconds))
  if (s < 5) return 'just now'
  const amount = s < 60
    ? `${s} s`
    : s < 3600
      ? `${Math.floor(s / 60)} min`
      : s < 86_400
        ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
        : `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`
  return seconds > 0 ? `in ${amount}` : `${amount} ago`
}

/** A `<time>` the script localises; the ISO value stays in `datetime` and in the tooltip. */
export function timeElement (iso: string, testid: string): SafeHtml {
  return html`<time datetime="${iso}" title="${iso}" data-local data-testid="${testid}">${formatUtc(iso)}</time>`
}

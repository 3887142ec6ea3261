// Progressive enhancement: counts the time left down once a second. Without JavaScript the page
// shows the time left when it was rendered. Allowed by its hash in the Content-Security-Policy.
export const COUNTDOWN_JS = `(() => {
  const el = document.querySelector('[data-countdown]')
  if (el === null) return
  let left = Number(el.getAttribute('data-seconds-left'))
  const pad = n => String(n).padStart(2, '0')
  const show = s => {
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60
    return h > 0 ? h + ':' + pad(m) + ':' + pad(r) : m + ':' + pad(r)
  }
  const timer = setInterval(() => {
    left = Math.max(0, left - 1)
    el.textContent = left > 0 ? show(left) : 'expired: reload the page'
    if (left === 0) clearInterval(timer)
  }, 1000)
})()`

/** The server's rendering of the same format. */
export function formatSecondsLeft (seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = s % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`
}

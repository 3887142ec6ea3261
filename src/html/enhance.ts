// Progressive enhancement beside the countdown, allowed by the same hash in the page's CSP; the
// page works without it. It shows times in the reader's own zone, and on a phone-sized screen it
// folds every scenario group but the first, so the page starts about a screen tall.
export const ENHANCE_JS = `(() => {
  const options = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }
  for (const el of document.querySelectorAll('time[data-local]')) {
    const when = new Date(el.getAttribute('datetime'))
    if (!Number.isNaN(when.getTime())) el.textContent = when.toLocaleString(undefined, options)
  }
  if (window.matchMedia('(max-width: 40rem)').matches) {
    document.querySelectorAll('details.group').forEach((el, i) => { if (i > 0) el.open = false })
  }
})()`

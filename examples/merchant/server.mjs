// A small merchant integration of MasChain eKYC, written as it would be against production:
// only API_URL tells it whether it talks to MasChain or to the sandbox.
//
//   API_URL=http://localhost:3939 CLIENT_ID=my-shop CLIENT_SECRET=sk_test node server.mjs
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'

/**
 * The merchant's HTTP server (not listening yet).
 * @param {{ apiUrl: string, clientId: string, clientSecret: string, baseUrl?: string }} options
 *   baseUrl: how users reach this server, for redirect_url; default: the Host of each request.
 */
export function createMerchantServer ({ apiUrl, clientId, clientSecret, baseUrl }) {
  const api = apiUrl.replace(/\/+$/, '')
  const credentials = { client_id: clientId, client_secret: clientSecret }
  // Which eKYC token belongs to which browser session. A real shop keeps this with its user.
  const tokens = new Map()

  async function createVerification (redirectUrl) {
    const res = await fetch(`${api}/api/ekyc/verifications`, {
      method: 'POST',
      headers: { ...credentials, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: redirectUrl })
    })
    if (!res.ok) throw new Error(`eKYC create failed: ${res.status} ${await errorText(res)}`)
    return (await res.json()).result // { url, token }
  }

  async function getVerification (token) {
    const res = await fetch(`${api}/api/ekyc/verifications/${encodeURIComponent(token)}`, {
      headers: { ...credentials, accept: 'application/json' }
    })
    if (!res.ok) throw new Error(`eKYC lookup failed: ${res.status} ${await errorText(res)}`)
    return (await res.json()).result
  }

  // Errors come as {"status", "message"} JSON, except the rate limiter's 429, which is plain text.
  async function errorText (res) {
    const text = await res.text()
    try { return JSON.parse(text).message ?? text } catch { return text }
  }

  return createServer(async (req, res) => {
    const base = baseUrl ?? `http://${req.headers.host}`
    const url = new URL(req.url ?? '/', base)
    const sessionId = cookie(req, 'shop_session')
    try {
      if (req.method === 'GET' && url.pathname === '/') {
        return page(res, 200, 'My shop', '<p><a href="/verify" data-testid="verify-link">Verify your identity</a></p>')
      }

      if (req.method === 'GET' && url.pathname === '/verify') {
        const sid = sessionId ?? randomUUID()
        const { url: hostedUrl, token } = await createVerification(`${base}/ekyc/return`)
        tokens.set(sid, token)
        res.writeHead(302, {
          location: hostedUrl,
          'set-cookie': `shop_session=${sid}; Path=/; HttpOnly; SameSite=Lax`
        })
        return res.end()
      }

      if (req.method === 'GET' && url.pathname === '/ekyc/return') {
        const token = sessionId === undefined ? undefined : tokens.get(sessionId)
        if (token === undefined) return page(res, 400, 'No verification', '<p>No verification in progress. <a href="/verify">Start one</a>.</p>')
        // is_success in the query is only a hint from the browser: the API answer decides.
        const record = await getVerification(token)
        const verified = record.is_success === 1
        const detail = verified ? '' : `<p>Reason: <code data-testid="latest-error">${escape(record.latest_error ?? 'none')}</code>. <a href="/verify">Try again</a>.</p>`
        return page(res, 200, verified ? 'Verified' : 'Not verified', detail)
      }

      return page(res, 404, 'Not found', '')
    } catch (err) {
      return page(res, 502, 'Verification unavailable', `<p>${escape(err.message)}</p>`)
    }
  })
}

function cookie (req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function page (res, status, title, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><h1 data-testid="result">${escape(title)}</h1>${body}</body></html>`)
}

function escape (text) {
  return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

// Run directly: configuration from the environment, as in production.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { API_URL, CLIENT_ID, CLIENT_SECRET, BASE_URL, PORT = '4000', HOST = '127.0.0.1' } = process.env
  if (!API_URL || !CLIENT_ID || !CLIENT_SECRET) {
    console.error('Set API_URL, CLIENT_ID and CLIENT_SECRET (e.g. API_URL=http://localhost:3939 CLIENT_ID=my-shop CLIENT_SECRET=sk_test).')
    process.exit(1)
  }
  const server = createMerchantServer({ apiUrl: API_URL, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: BASE_URL })
  server.listen(Number(PORT), HOST, () => console.log(`merchant on http://${HOST}:${PORT}/ (eKYC at ${API_URL})`))
  const stop = () => server.close(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { assertRecordTypes } from '../helpers/record-shape.js'

// A tiny merchant, written as a merchant would against production: API_URL and credentials from
// its configuration, a checkout that sends the user to the hosted page, and a return handler that
// reads `is_success` and confirms with the GET endpoint. Nothing in it knows about the sandbox.

export interface MerchantConfig {
  apiUrl: string
  clientId: string
  clientSecret: string
}

export interface Outcome {
  /** The `is_success` query parameter the user came back with. */
  isSuccess: string | null
  /** What GET /api/ekyc/verifications/:token answered. */
  status: number
  record: Record<string, unknown>
}

export interface Merchant {
  url: string
  /** Order id -> session token, as the merchant's database would keep it. */
  tokens: Map<string, string>
  outcomes: Map<string, Outcome>
  close: () => Promise<void>
}

export async function startMerchant (config: MerchantConfig): Promise<Merchant> {
  const tokens = new Map<string, string>()
  const outcomes = new Map<string, Outcome>()
  const auth = { client_id: config.clientId, client_secret: config.clientSecret }
  let base = ''

  async function checkout (order: string, res: ServerResponse): Promise<void> {
    const created = await fetch(`${config.apiUrl}/api/ekyc/verifications`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: `${base}/ekyc/return?order=${order}` })
    })
    const body = await created.json() as { status: number, result: { url: string, token: string } }
    if (body.status !== 200) return send(res, 502, `eKYC unavailable (${body.status})`)
    tokens.set(order, body.result.token)
    res.writeHead(302, { location: body.result.url }).end()
  }

  async function returned (order: string, isSuccess: string | null, res: ServerResponse): Promise<void> {
    const token = tokens.get(order)
    if (token === undefined) return send(res, 404, 'unknown order')
    const read = await fetch(`${config.apiUrl}/api/ekyc/verifications/${token}`, { headers: auth })
    const body = await read.json() as { result: Record<string, unknown> }
    if (read.status === 200) assertRecordTypes(body.result, `merchant GET ${token}`)
    outcomes.set(order, { isSuccess, status: read.status, record: body.result })
    // Production code trusts the record, not the query string.
    send(res, 200, body.result.is_success === 1 ? `order ${order}: identity verified` : `order ${order}: identity not verified`)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base)
    const order = url.searchParams.get('order') ?? ''
    const handled = url.pathname === '/checkout'
      ? checkout(order, res)
      : url.pathname === '/ekyc/return'
        ? returned(order, url.searchParams.get('is_success'), res)
        : Promise.resolve(send(res, 404, 'not found'))
    handled.catch(err => send(res, 500, String(err)))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    tokens,
    outcomes,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

function send (res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text)
}

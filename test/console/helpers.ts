import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

/** Markup that would run if a page let it through unescaped. */
export const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`

/** The token of the form posting to `path`, read from a page as a browser would. */
export function formTokenIn (page: string, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`action="${escaped}"[^>]*>\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(page)
  if (match === null) throw new Error(`no form posting to ${path}`)
  return match[1]
}

export interface Poster {
  /** Posts a console form as the browser would: from a page that has the form, same origin, its token. */
  post: (pagePath: string, action: string, fields: Record<string, string>, headers?: Record<string, string>) => Promise<LightMyRequestResponse>
  get: (path: string) => Promise<LightMyRequestResponse>
  /** Posts with a form token read earlier (a page that no longer shows the form). */
  postWith: (csrf: string, action: string, fields: Record<string, string>) => Promise<LightMyRequestResponse>
}

export function consoleClient (app: FastifyInstance, cookie?: string): Poster {
  const base = { host: 'localhost:3939', ...(cookie === undefined ? {} : { cookie }) }
  const get = (path: string) => app.inject({ method: 'GET', url: path, headers: base })
  const send = (csrf: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}) => app.inject({
    method: 'POST',
    url: action,
    headers: { ...base, origin: 'http://localhost:3939', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ csrf, ...fields }).toString()
  })
  return {
    get,
    async post (pagePath, action, fields, headers = {}) {
      return send(formTokenIn((await get(pagePath)).body, action), action, fields, headers)
    },
    postWith: send
  }
}

/** The text of the element with this data-testid (its first one), tags stripped, entities decoded. */
export function testId (page: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</(dd|pre|p|td|a|code|span|h1|section|dl)>`).exec(page)
  return match === null ? undefined : unescape(match[1].replace(/<[^>]+>/g, ''))
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' }
/** Text as the browser shows it. */
export function unescape (text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#96);/g, e => ENTITIES[e])
}

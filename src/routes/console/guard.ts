import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

export const COOKIE = 'ekyc_console'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b))

/** A console answer that is not a page of its own: an HTTP status and why. */
export class ConsoleError extends Error {
  constructor (readonly statusCode: number, message: string) {
    super(message)
    this.name = 'ConsoleError'
  }
}

/**
 * Who may use the console, and which posts are the console's own. With SANDBOX_ADMIN_TOKEN set the
 * tester signs in once with it; the cookie then holds an HMAC of that token (never the token), so
 * it survives restarts and is the same on every replica. Every post must come from the console's
 * own origin and carry the form's token: an HMAC of the form's path.
 */
export class ConsoleGuard {
  readonly #adminToken: string | null
  readonly #csrfKey: Buffer
  readonly #session: string | null

  /** `randomKey` keys the form tokens when there is no admin token to derive them from. */
  constructor (adminToken: string | null, randomKey: Buffer, private readonly publicOrigin: string) {
    this.#adminToken = adminToken
    this.#csrfKey = adminToken === null ? randomKey : createHmac('sha256', adminToken).update('console forms').digest()
    this.#session = adminToken === null ? null : createHmac('sha256', adminToken).update('console session').digest('base64url')
  }

  get guarded (): boolean {
    return this.#adminToken !== null
  }

  /** The cookie value that proves a sign-in. */
  get sessionValue (): string {
    // Stryker disable next-line StringLiteral: unreachable: sessionValue is read only on a guarded console (sign-in.ts returns first when unguarded)
    if (this.#session === null) throw new Error('the console is not guarded')
    return this.#session
  }

  /**
   * The sign-in cookie's attributes, set and cleared alike. Secure when testers reach the console
   * over HTTPS: Node's own TLS, or a proxy terminating it in front (PUBLIC_URL says https, the
   * request itself arrives as http).
   */
  cookieOptions (request: FastifyRequest): { path: string, httpOnly: boolean, sameSite: 'strict', secure: boolean } {
    return { path: '/', httpOnly: true, sameSite: 'strict', secure: this.publicOrigin.startsWith('https:') || request.protocol === 'https' }
  }

  isSignedIn (request: FastifyRequest): boolean {
    if (this.#session === null) return true
    const cookie = request.cookies[COOKIE]
    return typeof cookie === 'string' && same(cookie, this.#session)
  }

  isAdminToken (given: string): boolean {
    return this.#adminToken !== null && same(given, this.#adminToken)
  }

  /** The token a form posting to `path` carries. */
  formToken (path: string): string {
    return createHmac('sha256', this.#csrfKey).update(path).digest('base64url')
  }

  /** Refuses a post from another site, or one without its form's token. */
  checkPost (request: FastifyRequest, given: string | undefined): void {
    const origin = request.headers.origin
    const own = [this.publicOrigin, `${request.protocol}://${request.host}`]
    if (origin !== undefined && !own.includes(origin)) throw new ConsoleError(403, `Refused: this form was posted from ${origin.slice(0, 200)}, not from the console.`)
    const site = request.headers['sec-fetch-site']
    if (site === 'cross-site' || site === 'same-site') throw new ConsoleError(403, 'Refused: this form was posted from another site.')
    const path = request.url.split('?')[0]
    if (given === undefined || !same(given, this.formToken(path))) throw new ConsoleError(403, 'Refused: the form\'s token is missing or wrong. Reload the page and try again.')
  }
}

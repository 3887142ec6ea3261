// Every error the sandbox answers with, in one table: a stable code, the HTTP status and the text.
// All of them travel in the sandbox's envelope: {"status": <http code>, "message": "<text>"[, "errors": {...}]},
// except the 429, sent as production's limiter sends it (plugins/rate-limit-answer.ts).

export const ERRORS = {
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  MALFORMED_HTTP: { status: 400, message: 'Malformed HTTP request.' },
  FORBIDDEN_JSON_KEY: { status: 400, message: 'The key __proto__ is not allowed in a JSON body.' },
  BAD_REQUEST: { status: 400, message: 'Bad request.' },
  UNAUTHENTICATED: { status: 401, message: 'Unauthenticated.' },
  ADMIN_TOKEN_REQUIRED: { status: 401, message: 'Missing or wrong X-Sandbox-Admin-Token.' },
  VERIFICATION_NOT_FOUND: { status: 404, message: 'Verification not found.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Not found.' },
  SCENARIO_NOT_FOUND: { status: 404, message: 'Scenario not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  VERIFICATION_FINISHED: { status: 409, message: 'Verification already finished.' },
  VERIFICATION_EXPIRED: { status: 409, message: 'Verification expired.' },
  REQUEST_TIMEOUT: { status: 408, message: 'Request timeout: the request did not arrive in full in time.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large (over 1 MiB).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Content-Type: send application/json.' },
  VALIDATION_FAILED: { status: 422, message: 'The given data was invalid.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'Request header fields too large.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests, please try again later.' },
  SERVER_ERROR: { status: 500, message: 'Server Error.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service Unavailable.' }
} as const satisfies Record<string, { status: number, message: string }>

export type ErrorCode = keyof typeof ERRORS
export type FieldErrors = Record<string, string[]>

export interface ErrorEnvelope {
  status: number
  message: string
  errors?: FieldErrors
}

export class ApiError extends Error {
  readonly statusCode: number
  constructor (readonly code: ErrorCode, message?: string, readonly errors?: FieldErrors) {
    super(message ?? ERRORS[code].message)
    this.name = 'ApiError'
    this.statusCode = ERRORS[code].status
  }

  toEnvelope (): ErrorEnvelope {
    return this.errors === undefined
      ? { status: this.statusCode, message: this.message }
      : { status: this.statusCode, message: this.message, errors: this.errors }
  }
}

/** A 422 naming every bad field; the message is the first problem, as Laravel words it. */
export function validationError (errors: FieldErrors): ApiError {
  const messages = Object.values(errors).flat()
  const more = messages.length - 1
  const message = more === 0 ? messages[0] : `${messages[0]} (and ${more} more error${more === 1 ? '' : 's'})`
  return new ApiError('VALIDATION_FAILED', message, errors)
}

/** The error for an HTTP status chosen by a fault (control plane). */
export function errorForStatus (status: number): ApiError {
  const code = (Object.keys(ERRORS) as ErrorCode[]).find(c => ERRORS[c].status === status && !c.startsWith('ADMIN'))
  if (code === undefined) throw new RangeError(`no error for status ${status}`)
  return new ApiError(code)
}

import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { ApiError } from './errors.js'

type ConnectionError = Error & { code?: string }

/** What a request that never became a request gets: the broken-HTTP error in the sandbox's words. */
function errorFor (err: ConnectionError, timeoutSeconds: number): ApiError {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT': return new ApiError('REQUEST_TIMEOUT', `Request timeout: the request did not arrive in full within ${timeoutSeconds} s.`)
    case 'HPE_HEADER_OVERFLOW': return new ApiError('HEADERS_TOO_LARGE')
    default: return new ApiError('MALFORMED_HTTP', `Malformed HTTP request${err.code === undefined ? '' : ` (${err.code})`}.`)
  }
}

/**
 * Fastify's `clientErrorHandler`: a request line Node cannot parse, headers past the size limit, or
 * a request that did not arrive in full before the request timeout. These never reach a route, so
 * Fastify's default would answer in its own shape; the sandbox answers in its envelope, like every
 * other error, and closes the connection (what comes next on it cannot be trusted).
 */
export function clientErrorHandler (this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  // A reset connection, or one already gone, has no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const error = errorFor(err, this.config.requestTimeoutSeconds)
  this.log.debug({ err }, `client error answered ${error.statusCode}`)
  // A response already under way on this socket cannot be followed by another one.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy()
    return
  }
  const body = JSON.stringify(error.toEnvelope())
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode] ?? ''}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' + body,
    () => socket.destroy()
  )
}

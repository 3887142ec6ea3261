import type { FastifyInstance, InjectOptions } from 'fastify'
import { assertRecordTypes } from '../helpers/record-shape.js'

type Method = 'GET' | 'POST' | 'DELETE'

/** One control-plane call: `control(app, 'POST', '/arm', {scenario: 'pass'})`. */
export async function control (app: FastifyInstance, method: Method, path: string, payload?: unknown, headers: Record<string, string> = {}) {
  const options: InjectOptions = { method, url: `/_sandbox${path}`, headers }
  if (payload !== undefined) options.payload = payload as InjectOptions['payload']
  return app.inject(options)
}

/** The sandbox view of a session (GET /_sandbox/verifications/:token), as JSON. */
export async function view (app: FastifyInstance, token: string) {
  const res = await control(app, 'GET', `/verifications/${token}`)
  if (res.statusCode !== 200) throw new Error(`view failed: ${res.statusCode} ${res.body}`)
  const result = res.json().result
  assertRecordTypes(result.record, `sandbox view of ${token}`)
  return result
}

import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { backendEnv } from './backend.js'
import { assertRecordTypes } from './record-shape.js'

export const CREDENTIALS = { client_id: 'merchant-a', client_secret: 'sk_test_a' }
export const START = Date.parse('2025-02-01T13:56:47.000Z')

/** The record's 24 fields in the order of the real API's documentation. */
export const RECORD_KEYS = [
  'id', 'organisation_id', 'end_user_id', 'type', 'token', 'url', 'redirect_url', 'medias', 'ocr_country', 'ocr_type',
  'ocr_success', 'ocr_result', 'ocr_charged', 'face_id_success', 'face_id_result', 'face_id_charged', 'is_success',
  'latest_error', 'retries', 'face_retries', 'expire_at', 'created_at', 'updated_at', 'pruned_at'
] as const

export interface TestApp {
  app: FastifyInstance
  /** Moves the fake time source under the sandbox clock. */
  tick: (seconds: number) => void
}

/**
 * An isolated sandbox on a fake clock starting at START, closed when the test ends; its state in
 * memory, or under a prefix of its own on the suite's Redis (helpers/backend.ts).
 */
export async function buildTestApp (t: { teardown: (fn: () => unknown) => void }, env: Record<string, string> = {}): Promise<TestApp> {
  let time = START
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', ...backendEnv(t), ...env }), { timeSource: () => time })
  t.teardown(() => app.close())
  await app.ready()
  return { app, tick: (seconds: number) => { time += seconds * 1000 } }
}

export const VALID_BODY = {
  type: '00',
  id_country: 'MYS',
  id_type: 'ID_CARD',
  redirect_url: 'https://merchant.example/ekyc/return?order=42#done'
}

/** Creates a session through the API and returns its token. */
export async function createSession (app: FastifyInstance, body: Record<string, unknown> = {}, headers: Record<string, string> = CREDENTIALS): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers, payload: { ...VALID_BODY, ...body } })
  if (res.statusCode !== 200) throw new Error(`create failed: ${res.statusCode} ${res.body}`)
  return res.json().result.token
}

export async function getRecord (app: FastifyInstance, token: string, headers: Record<string, string> = CREDENTIALS) {
  const res = await app.inject({ method: 'GET', url: `/api/ekyc/verifications/${token}`, headers })
  if (res.statusCode === 200) assertRecordTypes(res.json().result, `GET ${token}`)
  return res
}

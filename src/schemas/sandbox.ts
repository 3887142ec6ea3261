import { Type, type Static, type TSchema } from 'typebox'
import { ErrorEnvelopeSchema, VerificationRecordSchema } from './api.js'
import { FaceAttemptSchema, OcrAttemptSchema, PlayedOcrAttemptSchema, SCENARIO_GROUPS, ScenarioBodySchema } from './scenario.js'

// The /_sandbox wire shapes. Every success is `{"status": 200, "result": ...}` like the real API;
// every error is the real envelope.

const Timestamp = Type.String({ format: 'date-time', examples: ['2025-02-01T13:56:47.000Z'] })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const ClientId = Type.String({ minLength: 1, maxLength: 255, description: 'A merchant `client_id`', examples: ['my-shop'] })

export const ROUTE_NAMES = ['create', 'get', 'page'] as const
export const FAULT_STATUSES = [401, 404, 422, 429, 500, 503] as const
export const MAX_FAULT_LATENCY_MS = 60_000
export const MAX_COUNT = 1000

/** `{"status": 200, "result": <result>}`, plus the error envelope for each listed status. */
export function sandboxResponses<T extends TSchema> (result: T, errors: number[] = []): Record<number, TSchema> {
  const responses: Record<number, TSchema> = { 200: Type.Object({ status: Type.Literal(200), result }) }
  // 422 on every route: any of them can get an unknown query parameter.
  for (const status of [401, 422, ...errors]) responses[status] = ErrorEnvelopeSchema
  return responses
}

// Query strings are strict like bodies: `?clientId=` (a misspelt filter) must not widen a
// DELETE to every tenant, so an unknown parameter is a 422 and nothing is done.
const strictQuery = { additionalProperties: false } as const

/** The query of a route that takes none. */
export const NoQuery = Type.Object({}, strictQuery)

export const ClientQuery = Type.Object({
  client_id: Type.Optional(ClientId)
}, strictQuery)

export const DEFAULT_LIST_LIMIT = 100

export const VerificationListQuery = Type.Object({
  client_id: Type.Optional(ClientId),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$', description: `At most this many sessions, newest first (1..99999; default ${DEFAULT_LIST_LIMIT})`, examples: ['20'] }))
}, strictQuery)

export const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 100, description: 'Session token', examples: ['4KK6FYHVZVN1OD9ZZK219XM0W57UD6'] })
})

export const ScenarioNameParams = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80, examples: ['fail-ocr-blurry'] })
})

export const Attempts = Type.Object({
  ocr: Type.Array(OcrAttemptSchema),
  face: Type.Array(FaceAttemptSchema)
})

/** The attempts a session played: OCR codes already resolved for its document kind. */
export const PlayedAttempts = Type.Object({
  ocr: Type.Array(PlayedOcrAttemptSchema),
  face: Type.Array(FaceAttemptSchema)
})

export const CatalogueEntry = Type.Object({
  name: Type.String(),
  title: Type.String(),
  group: Type.Enum([...SCENARIO_GROUPS]),
  description: Nullable(Type.String()),
  document: Nullable(ScenarioBodySchema.properties.document),
  expire: Type.Boolean({ description: 'The link expires before the user finishes' }),
  attempts: Attempts
})

export const SandboxVerification = Type.Object({
  token: Type.String(),
  client_id: Type.String(),
  page_url: Type.String({ description: 'The hosted page (same as record.url)' }),
  return_url: Type.String({ description: 'Where the page sends the user back to now, with is_success' }),
  finished: Type.Boolean({ description: 'The flow ended: passed, retries exhausted, or gave up' }),
  expired: Type.Boolean({ description: 'The sandbox clock is at or past expire_at' }),
  armed_scenario: Nullable(Type.String({ description: 'Scenario applied as soon as the page opens' })),
  next_step: Nullable(Type.Enum(['ocr', 'face'], { description: 'What the page asks for next; null once finished or expired' })),
  attempts: PlayedAttempts,
  record: VerificationRecordSchema
}, { description: 'A session as the sandbox sees it: its sandbox state and the record the real GET returns' })

export const CompleteBody = Type.Object({
  scenario: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'A catalogue scenario name; alone, without inline fields' })),
  ...ScenarioBodySchema.properties
}, {
  additionalProperties: false,
  description: 'Either `{"scenario": NAME}` or an inline scenario (the schema of the files in scenarios/, every field optional)',
  examples: [{ scenario: 'pass' }, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 69.99 }] } }]
})
export type CompleteBody = Static<typeof CompleteBody>

export const ArmBody = Type.Object({
  scenario: Type.String({ minLength: 1, maxLength: 80, description: 'A catalogue scenario name' }),
  client_id: Type.Optional(ClientId),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COUNT, default: 1, description: 'How many of the next sessions it arms' }))
}, { additionalProperties: false, examples: [{ scenario: 'fail-ocr-blurry', client_id: 'my-shop' }, { scenario: 'pass', count: 10 }] })

export const ArmView = Type.Object({
  scenario: Type.String(),
  client_id: Nullable(Type.String({ description: 'Only sessions of this client; any client when null' })),
  remaining: Type.Integer({ description: 'Sessions it will still arm' })
})

export const ClockView = Type.Object({
  now: Timestamp,
  offset_ms: Type.Integer({ description: 'How far the sandbox clock is from real time' })
})

export const ClockBody = Type.Object({
  advance_seconds: Type.Optional(Type.Number({ minimum: -315_360_000, maximum: 315_360_000, description: 'Moves the clock by this many seconds (negative moves it back)' })),
  set: Type.Optional(Type.String({ format: 'date-time', description: 'Sets the clock to this instant (ISO 8601 with a time zone)' })),
  reset: Type.Optional(Type.Literal(true, { description: 'Back to real time' }))
}, {
  additionalProperties: false,
  description: 'Exactly one of advance_seconds, set or reset',
  examples: [{ advance_seconds: 901 }, { set: '2025-02-01T13:56:47Z' }, { reset: true }]
})
export type ClockBody = Static<typeof ClockBody>

export const FaultBody = Type.Object({
  route: Type.Enum([...ROUTE_NAMES], { description: 'Which emulated call fails: create, get, or the hosted page' }),
  status: Type.Optional(Type.Integer({ description: `HTTP status to answer with, in the real envelope: one of ${FAULT_STATUSES.join(', ')}`, examples: [503] })),
  latency_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_FAULT_LATENCY_MS, description: 'Delay before answering (or before failing, with status)' })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COUNT, default: 1, description: 'How many matching calls it affects' })),
  client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Only calls authenticated as this client (API routes only)' }))
}, {
  additionalProperties: false,
  description: 'At least one of status and latency_ms',
  examples: [{ route: 'create', status: 503 }, { route: 'get', latency_ms: 2000, count: 3, client_id: 'my-shop' }]
})
export type FaultBody = Static<typeof FaultBody>

export const FaultView = Type.Object({
  route: Type.Enum([...ROUTE_NAMES]),
  status: Nullable(Type.Integer()),
  latency_ms: Nullable(Type.Integer()),
  client_id: Nullable(Type.String()),
  remaining: Type.Integer()
})

export const JournalQuery = Type.Object({
  client_id: Type.Optional(ClientId),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'At most this many entries (1..999)', examples: ['20'] }))
}, strictQuery)

export const JournalEntry = Type.Object({
  time: Timestamp,
  method: Type.String(),
  path: Type.String({ description: 'URL path, without the query string' }),
  route: Type.Enum([...ROUTE_NAMES]),
  client_id: Nullable(Type.String({ description: 'The client_id header as sent; null for page calls' })),
  status: Type.Integer(),
  token: Nullable(Type.String()),
  duration_ms: Type.Number(),
  note: Nullable(Type.String({ description: 'Why the sandbox answered so, when the answer does not say: e.g. a 401\'s reason ("secret differs from the one first used")' }))
})

export const Cleared = Type.Object({
  verifications: Type.Integer(),
  arms: Type.Integer(),
  faults: Type.Integer(),
  requests: Type.Integer(),
  secrets: Type.Integer({ description: 'Open mode: client secrets bound on first use' })
}, { description: 'How many of each were forgotten' })

import { Type, type TSchema } from 'typebox'
import { PASSPORT_COUNTRY_LIST } from '../domain/documents.js'
import { TOKEN_PATTERN } from '../domain/tokens.js'

// The emulated wire shapes, once: they drive the OpenAPI document and the serialisation order.

const Flag = Type.Union([Type.Literal(0), Type.Literal(1)], { description: 'Integer flag: 0 or 1, never true/false' })
const Timestamp = Type.String({ format: 'date-time', description: 'Whole seconds in UTC: 2025-02-01T13:56:47.000Z', examples: ['2025-02-01T13:56:47.000Z'] })
const EngineResult = (description: string): TSchema => Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description })

export const Credentials = Type.Object({
  client_id: Type.String({ description: 'API key id (real keys: 64 lowercase hex characters)' }),
  client_secret: Type.String({ description: 'API secret (real keys: `sk_` + 64 hex characters)' })
})

export const CreateVerificationBody = Type.Object({
  type: Type.Enum(['00', '01'], { description: '`00` = OCR + face + liveness; `01` = OCR only' }),
  id_country: Type.String({ pattern: '^[A-Z]{3}$', description: `ISO 3166-1 alpha-3. ID_CARD: MYS only. PASSPORT: ${PASSPORT_COUNTRY_LIST.join(', ')}`, examples: ['MYS'] }),
  id_type: Type.Enum(['ID_CARD', 'PASSPORT']),
  redirect_url: Type.String({ format: 'uri', description: 'Absolute http(s) URL the user is sent back to, with `is_success` added', examples: ['https://merchant.example/ekyc/return'] }),
  wallet_address: Type.Optional(Type.String({ description: 'Links the verification to a MasChain wallet; gives a stable end_user_id', examples: ['0x9E1c2fC16f6bF1D7d2C1B4f0b1a3C5e7D9f1A2B3'] }))
}, {
  additionalProperties: true,
  description: 'Unknown fields are accepted and ignored',
  // Swagger UI's "Try it out" starts from the first: the README's first session.
  examples: [
    { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://shop.example/ekyc/return?order=42' },
    { type: '00', id_country: 'JPN', id_type: 'PASSPORT', redirect_url: 'https://shop.example/ekyc/return' },
    { type: '01', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://shop.example/ekyc/return', wallet_address: '0x9E1c2fC16f6bF1D7d2C1B4f0b1a3C5e7D9f1A2B3' }
  ]
})

export const TokenParams = Type.Object({
  token: Type.String({ description: 'Session token: 30 characters of 0-9A-Z', examples: ['4KK6FYHVZVN1OD9ZZK219XM0W57UD6'] })
})

export const CreateVerificationResponse = Type.Object({
  status: Type.Literal(200),
  result: Type.Object({
    url: Type.String({ description: 'The hosted page the user is sent to' }),
    token: Type.String({ pattern: TOKEN_PATTERN })
  })
})

export const VerificationRecordSchema = Type.Object({
  id: Type.Integer(),
  organisation_id: Type.Integer(),
  end_user_id: Type.Union([Type.Integer(), Type.Null()]),
  type: Type.Enum(['00', '01']),
  token: Type.String(),
  url: Type.String(),
  redirect_url: Type.String(),
  medias: Type.Null(),
  ocr_country: Type.String(),
  ocr_type: Type.Enum(['ID_CARD', 'PASSPORT']),
  ocr_success: Flag,
  ocr_result: EngineResult('Raw OCR engine result; null before the document step or after pruning'),
  ocr_charged: Flag,
  face_id_success: Flag,
  face_id_result: EngineResult('Raw face-compare result; null before the face step or after pruning'),
  face_id_charged: Flag,
  is_success: Flag,
  latest_error: Type.Union([Type.String(), Type.Null()], { description: 'The code of the last failed attempt' }),
  retries: Type.Integer({ minimum: 0, maximum: 2 }),
  face_retries: Type.Integer({ minimum: 0, maximum: 1 }),
  expire_at: Timestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
  pruned_at: Type.Union([Timestamp, Type.Null()])
})

export const GetVerificationResponse = Type.Object({
  status: Type.Literal(200),
  result: VerificationRecordSchema
})

export const ErrorEnvelopeSchema = Type.Object({
  status: Type.Integer(),
  message: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
}, { description: 'Every error: the HTTP status repeated, a message, and for 422 the bad fields' })

/**
 * Production's rate limiter (most likely express-rate-limit) answers with its text alone, not the
 * envelope, with its X-RateLimit-* and Retry-After headers.
 */
const TooManyRequestsResponse = {
  description: 'Over the rate limit: the text `Too many requests, please try again later.` alone, as text/html (not JSON), ' +
    'with `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix time) and `Retry-After` (seconds), as express-rate-limit\'s default handler sends it',
  content: { 'text/html': { schema: { type: 'string', example: 'Too many requests, please try again later.' } } }
} as unknown as TSchema

/** Response schemas for a route: the success shape plus the error envelope for each listed status. */
export function withErrors<T extends TSchema> (success: T, statuses: number[]): Record<number, TSchema> {
  const responses: Record<number, TSchema> = { 200: success }
  for (const status of statuses) responses[status] = status === 429 ? TooManyRequestsResponse : ErrorEnvelopeSchema
  return responses
}

import { Type, type Static } from 'typebox'
import type { FaceAttempt, OcrAttempt } from '../../domain/attempts.js'
import { FACE_CODE_LIST, type FaceCode } from '../../domain/face-codes.js'
import { isOcrCode, isOcrWarning, type OcrWarningCode } from '../../domain/ocr-codes.js'
import { TICKED_WARNINGS } from '../../html/step-form.js'
import { TOKEN_PATTERN } from '../../domain/tokens.js'
import type { Verification } from '../../domain/verification.js'
import { ApiError } from '../../errors.js'
import { CARD_TYPE_VALUES, type ScenarioBody } from '../../schemas/scenario.js'

// The hosted page's wire shapes: its query string and the fields of its forms (all strings,
// as a browser posts them).

export const PageQuery = Type.Object({
  token: Type.String({ description: 'Session token: 30 characters of 0-9A-Z', examples: ['4KK6FYHVZVN1OD9ZZK219XM0W57UD6'] }),
  scenario: Type.Optional(Type.String({ description: 'Sandbox only: apply this scenario and answer 303 to redirect_url at once', examples: ['pass'] }))
})

export const PageForm = Type.Object({
  action: Type.Enum(['scenario', 'ocr', 'face', 'give-up', 'expire'], { description: 'What the button does' }),
  at: Type.Optional(Type.String({ maxLength: 20, description: 'The state the form was rendered for; a stale (double) submit is ignored' })),
  scenario: Type.Optional(Type.String({ maxLength: 200, description: 'action=scenario: the scenario name' })),
  code: Type.Optional(Type.String({ maxLength: 100, description: 'action=ocr|face: the attempt\'s code; action=ocr, `warnings`: the card warnings ticked in `warning`' })),
  warning: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })], { description: 'action=ocr with code=warnings: the card warnings of one photo, one field each' })),
  sim: Type.Optional(Type.String({ maxLength: 20, description: 'action=face: similarity 0..100, empty for the default' })),
  card_type: Type.Optional(Type.Enum([...CARD_TYPE_VALUES], { description: 'action=ocr, first attempt, ID_CARD: the card the OCR reads' })),
  passport_expired: Type.Optional(Type.Literal('1', { description: 'action=ocr, first attempt, PASSPORT: the passport has expired' }))
}, { additionalProperties: false, examples: [{ action: 'scenario', scenario: 'pass' }, { action: 'ocr', code: '9108', card_type: 'MyKad' }] })

export type PageFormBody = Static<typeof PageForm>

const TOKEN = new RegExp(TOKEN_PATTERN)

/** The first value of a query parameter (a repeated one counts once), or undefined. */
export function queryValue (query: unknown, name: string): string | undefined {
  // Stryker disable next-line OptionalChaining: Fastify always passes a query object, in the handlers and the error handler alike
  const value = (query as Record<string, unknown> | null)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}

export function isToken (text: string | undefined): text is string {
  // Stryker disable next-line LogicalOperator: a malformed token is not in the store (it holds only well-formed ones): the same 404, or no session
  return text !== undefined && TOKEN.test(text)
}

// Stryker disable next-line ObjectLiteral,ArrayDeclaration: the page shows a refusal's message only, not its field
const invalid = (field: string, text: string): ApiError => new ApiError('VALIDATION_FAILED', text, { [field]: [text] })

/**
 * The attempt a form plays. `code=warnings` plays the ticked warnings as one photo (each once, at
 * least one); ticked warnings with any other code are refused rather than silently dropped.
 */
export function ocrAttempt (form: PageFormBody): OcrAttempt {
  const code = form.code ?? ''
  const ticked = form.warning === undefined ? [] : Array.isArray(form.warning) ? form.warning : [form.warning]
  if (code === TICKED_WARNINGS) {
    if (ticked.length === 0) throw invalid('warning', 'Tick at least one card warning for "Several card warnings".')
    const unknown = ticked.find(w => !isOcrWarning(w))
    // Stryker disable next-line MethodExpression: the form schema already bounds each warning to 20 characters
    if (unknown !== undefined) throw invalid('warning', `"${unknown.slice(0, 20)}" is not a card warning.`)
    return { code: ticked as OcrWarningCode[] }
  }
  if (!isOcrCode(code)) throw invalid('code', `Unknown OCR code "${code}".`)
  if (ticked.length > 0) throw invalid('warning', `Ticked card warnings are played only with "Several card warnings"; the outcome chosen is ${code}.`)
  return { code }
}

export function faceAttempt (form: PageFormBody): FaceAttempt {
  const code = form.code ?? ''
  if (!(FACE_CODE_LIST as string[]).includes(code)) throw invalid('code', `Unknown face code "${code}".`)
  const sim = form.sim?.trim() ?? ''
  if (sim === '') return { code: code as FaceCode }
  const value = Number(sim)
  if (!/^\d{1,3}(\.\d+)?$/.test(sim) || value > 100) throw invalid('sim', `The similarity must be a number from 0 to 100, got "${sim}".`)
  return { code: code as FaceCode, sim: value }
}

/** What the first OCR attempt reads, from the form: a card type, or an expired passport. */
export function documentChoice (v: Verification, form: PageFormBody): ScenarioBody['document'] | null {
  if (v.idType === 'ID_CARD' && form.card_type !== undefined) return { id_type: 'ID_CARD', card_type: form.card_type }
  if (v.idType === 'PASSPORT' && form.passport_expired === '1') return { id_type: 'PASSPORT', passport_expired: true }
  return null
}

const HTML_RESPONSES: Record<number, string> = {
  200: 'The page (HTML)',
  303: 'To `redirect_url` with `is_success` added, or back to the page itself while attempts remain',
  404: 'Unknown token or scenario name (HTML page; an unknown scenario lists the known ones)',
  409: 'The session is finished or expired: nothing applied (HTML page with the way back)',
  413: 'The form body is too large (HTML page)',
  422: 'A scenario that does not fit the session (another document kind or type, a code its OCR engine never returns, failing face attempts with no face step), or a bad form field (HTML page)'
}

/** The page's answers for the OpenAPI document: HTML or a redirect, never JSON. */
export function htmlResponses (statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(statuses.map(status => [status, status === 303
    ? { description: HTML_RESPONSES[status], type: 'null' }
    : { description: HTML_RESPONSES[status], content: { 'text/html': { schema: { type: 'string' } } } }]))
}

import type { FormState } from '../../src/html/console/fields.js'
import type { PageContext } from '../../src/html/console/layout.js'
import type { JournalRow, SessionView } from '../../src/routes/console/control-plane.js'
import type { Scenario } from '../../src/schemas/scenario.js'

// What the console's unit tests (console-parts, console-pages, console-steering) build pages from:
// a session view, a scenario list, a form-token context whose tokens name their path, and readers
// that pick parts of a page out again.

export const HOSTILE = '"><script>alert(1)</script>'
export const ESCAPED = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
export const TOKEN = '4KK6FYHVZVN1OD9ZZK219XM0W57UD6'
export const CREATED = '2025-02-01T13:56:47.000Z'

/** Each form's token names its path, so a form carrying another form's token shows. */
export const ctx: PageContext = { formToken: path => `csrf:${path}`, canSignOut: false }
export const csrf = (path: string): string => `<input type="hidden" name="csrf" value="csrf:${path}">`

export function session (over: Partial<SessionView> = {}, record: Partial<SessionView['record']> = {}): SessionView {
  const token = over.token ?? TOKEN
  return {
    token, client_id: 'qa', page_url: `http://localhost:3939/verifications?token=${token}`, return_url: 'https://merchant.example/back?is_success=0',
    finished: false, expired: false, armed_scenario: null, next_step: 'ocr', attempts: { ocr: [], face: [] },
    ...over,
    record: {
      id: 1, organisation_id: 7, end_user_id: null, type: '00', token, url: `http://localhost:3939/verifications?token=${token}`,
      redirect_url: 'https://merchant.example/back', medias: null, ocr_country: 'MYS', ocr_type: 'ID_CARD', ocr_success: 0, ocr_result: null,
      ocr_charged: 0, face_id_success: 0, face_id_result: null, face_id_charged: 0, is_success: 0, latest_error: null, retries: 0,
      face_retries: 0, expire_at: '2025-02-01T14:11:47.000Z', created_at: CREATED, updated_at: CREATED, pruned_at: null, ...record
    }
  }
}

export const SCENARIOS: Scenario[] = [
  { name: 'pass', title: 'Clean pass', group: 'passes', description: 'Reads cleanly', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 96.4 }] } },
  { name: 'pass-passport', title: 'Passport', group: 'passes', document: { id_type: 'PASSPORT' }, ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } },
  { name: 'pass-ocr-only', title: 'OCR only', group: 'passes', type: '01', ocr: { attempts: [{ code: 'Success' }] } },
  { name: 'fail-ocr-mixed', title: 'Mixed', group: 'document', ocr: { attempts: [{ code: ['9102', '9108'] }, { code: '9108' }, { code: { ID_CARD: 'FailedOperation.NoMASIDCard', PASSPORT: 'FailedOperation.NoPassport' } }] } },
  { name: 'fail-face-spoofed', title: 'Spoofed', group: 'face', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }, { code: 'FailedOperation.LivessDetectFake' }] } },
  { name: 'face-at-69', title: 'Just under', group: 'other', ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 69 }] } },
  { name: 'face-only', title: 'Face only', group: 'other', face: { attempts: [{ code: 'Success' }] } },
  { name: 'expired', title: 'Expired', group: 'other', expire: true },
  { name: 'abandon', title: 'Abandon', group: 'other' },
  { name: 'misfit', title: 'Fits nothing', group: 'document', document: { id_type: 'ID_CARD' }, ocr: { attempts: [{ code: 'FailedOperation.NoPassport' }] } }
]

export const between = (text: string, start: string, end: string): string => {
  const from = text.indexOf(start)
  return from === -1 ? '' : text.slice(from, text.indexOf(end, from + start.length) + end.length)
}
/** The nav's labels in order, the current one starred. */
export const navLabels = (page: string): string[] =>
  [...between(page, '<nav', '</nav>').matchAll(/<a href="[^"]*"( aria-current="page")?>([^<]*)<\/a>/g)].map(m => `${m[2]}${m[1] === undefined ? '' : '*'}`)
export const count = (text: string, part: string): number => text.split(part).length - 1
export const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' }
/** The JSON of a <pre data-testid=…> block, as the browser shows it. */
export const preJson = (page: string, id: string): unknown =>
  JSON.parse((new RegExp(`<pre data-testid="${id}">([\\s\\S]*?)</pre>`).exec(page)?.[1] ?? '').replace(/&(amp|lt|gt|quot|#39|#96);/g, e => ENTITIES[e]))
/** Each field's id and label, in the order the form shows them. */
export const labels = (page: string): string[] => [...page.matchAll(/<label for="([^"]+)">([^<]*)<\/label>/g)].map(m => `${m[1]}: ${m[2]}`)
export const optionValues = (select: string): string[] => [...select.matchAll(/<option value="([^"]*)"/g)].map(m => m[1])
export const refused = (errors: Record<string, string[]>, message = 'The given data was invalid.'): FormState['error'] => ({ status: 422, message, errors })

/** Three calls, newest first: a read, a refused page, a create by a hostile client_id. */
export const JOURNAL: JournalRow[] = [
  { time: '2025-02-01T13:57:00.000Z', method: 'GET', path: `/api/ekyc/verifications/${TOKEN}`, route: 'get', client_id: 'qa', status: 200, token: TOKEN, duration_ms: 1.5, note: null },
  { time: '2025-02-01T13:56:50.000Z', method: 'GET', path: '/verifications', route: 'page', client_id: null, status: 400, token: 'A/B', duration_ms: 2, note: null },
  { time: '2025-02-01T13:56:48.000Z', method: 'POST', path: '/api/ekyc/verifications', route: 'create', client_id: HOSTILE, status: 399, token: null, duration_ms: 0.25, note: null },
  { time: '2025-02-01T13:56:47.000Z', method: 'POST', path: '/api/ekyc/verifications', route: 'create', client_id: 'qa', status: 401, token: null, duration_ms: 0.5, note: `wrong client_secret ${HOSTILE}` }
]

import { readdirSync } from 'node:fs'
import t from 'tap'
import { DEFAULT_SCENARIOS_DIR } from '../../src/config.js'
import { FACE_CODES } from '../../src/domain/face-codes.js'
import { buildTestApp, createSession, getRecord, START } from '../helpers/app.js'
import { formStamp, merchantReturn, openPage, submit } from '../hosted/page-helpers.js'
import { ENGINE_CODES, expectedRecord, kindsFor, needsFaceStep, WARNING_CODES } from './expectations.js'

// Every file in scenarios/ is played through the page as a tester would: open the page, click its
// button, follow the redirect, read the record. A new file is covered with no new code.

const files = readdirSync(DEFAULT_SCENARIOS_DIR).filter(f => f.endsWith('.json')).map(f => f.slice(0, -5)).sort()
const iso = (ms: number): string => new Date(ms).toISOString()
const ymd = (ms: number): string => iso(ms).slice(0, 10).replace(/-/g, '')

// One sandbox for the whole file (building one per scenario costs more than playing it).
const { app, tick } = await buildTestApp(t)

t.test('the catalogue loads every scenario file', async t => {
  t.strictSame([...app.scenarios.names].sort(), files)
  t.ok(files.length >= 40, `${files.length} scenarios`)
})

for (const name of files) {
  t.test(`scenario ${name}: the button on the page leaves the record its attempts describe`, async t => {
    const scenario = app.scenarios.get(name)
    if (scenario === undefined) throw new Error(`not loaded: ${name}`)
    for (const kind of kindsFor(scenario, app.config.facePassThreshold)) {
      const label = `${kind.type} ${kind.idType}`
      const token = await createSession(app, { type: kind.type, id_type: kind.idType, id_country: kind.country })
      tick(7)
      const page = await openPage(app, token)
      t.equal(page.statusCode, 200, label)
      const offered = page.body.includes(`data-testid="scenario-${name}"`)
      t.equal(offered, !(kind.type === '01' && scenario.group === 'face'), `${label}: button offered unless a face problem on type 01`)

      const res = await submit(app, token, { action: 'scenario', scenario: name, at: formStamp(page.body) })
      const want = expectedRecord(scenario, kind, app.config.facePassThreshold)
      if (offered) {
        const verdict = new RegExp(`data-testid="scenario-${name}" data-outcome="(pass|fail)"`).exec(page.body)?.[1]
        t.equal(verdict, want.is_success === 1 ? 'pass' : 'fail', `${label}: the button's verdict is the outcome it leaves`)
      }
      t.equal(res.statusCode, 303, label)
      t.equal(res.headers.location, merchantReturn(want.is_success), `${label}: back to the merchant, query and fragment kept`)

      const record = (await getRecord(app, token)).json().result
      t.matchStrict(record, {
        ocr_success: want.ocr_success,
        ocr_charged: want.ocr_charged,
        face_id_success: want.face_id_success,
        face_id_charged: want.face_id_charged,
        is_success: want.is_success,
        latest_error: want.latest_error,
        retries: want.retries,
        face_retries: want.face_retries,
        updated_at: iso(Date.parse(record.created_at) + 7000)
      }, label)
      const expireAt = Date.parse(record.created_at) + (want.expired ? 7000 : 900_000)
      t.equal(record.expire_at, iso(expireAt), `${label}: expire_at`)
      if (want.warnCardInfos === null) t.equal(record.ocr_result, null, `${label}: no OCR result`)
      else t.strictSame(record.ocr_result.WarnCardInfos, want.warnCardInfos, `${label}: WarnCardInfos`)
      if (want.face === null) t.equal(record.face_id_result, null, `${label}: no face result`)
      else {
        t.equal(record.face_id_result.Result, want.face.result, `${label}: face Result`)
        t.equal(record.face_id_result.Description, want.face.result === 'Success' ? 'Success' : FACE_CODES[want.face.result as keyof typeof FACE_CODES], `${label}: Description`)
        if (want.face.sim !== undefined) t.equal(record.face_id_result.Sim, want.face.sim, `${label}: Sim`)
      }
      if (record.ocr_result !== null && kind.idType === 'ID_CARD') {
        t.equal(record.ocr_result.Type, scenario.document?.card_type ?? 'MyKad', `${label}: card type read`)
      }
      if (record.ocr_result !== null && kind.idType === 'PASSPORT') {
        const expired = record.ocr_result.DateOfExpiration < ymd(START)
        t.equal(expired, scenario.document?.passport_expired === true, `${label}: passport expiry`)
      }

      const again = await submit(app, token, { action: 'scenario', scenario: name, at: formStamp(page.body) })
      t.equal(again.headers.location, merchantReturn(want.is_success), `${label}: a second click changes nothing`)
      t.strictSame((await getRecord(app, token)).json().result, record, `${label}: record unchanged by the second click`)
    }
  })
}

t.test('a scenario for the other document kind or type, or needing a face step the session lacks, is not offered, and applying it anyway is a 422 that changes nothing', async t => {
  for (const s of app.scenarios.all) {
    const wrongKind = s.document?.id_type === 'PASSPORT' ? { id_type: 'ID_CARD', id_country: 'MYS' } : s.document?.id_type === 'ID_CARD' ? { id_type: 'PASSPORT', id_country: 'GBR' } : null
    const wrongType = s.type === '00' ? { type: '01' } : s.type === '01' ? { type: '00' } : null
    const noFaceStep = s.type === undefined && needsFaceStep(s, app.config.facePassThreshold)
      ? { type: '01', ...(s.document?.id_type === 'PASSPORT' ? { id_type: 'PASSPORT', id_country: 'GBR' } : {}) }
      : null
    for (const body of [wrongKind, wrongType, noFaceStep]) {
      if (body === null) continue
      const token = await createSession(app, body)
      const before = (await getRecord(app, token)).json().result
      const page = await openPage(app, token)
      t.notOk(page.body.includes(`data-testid="scenario-${s.name}"`), `${s.name} hidden on ${JSON.stringify(body)}`)
      const res = await submit(app, token, { action: 'scenario', scenario: s.name, at: '0-0' })
      t.equal(res.statusCode, 422, `${s.name} on ${JSON.stringify(body)}`)
      t.matchStrict(res.headers['content-type'], /^text\/html/)
      t.strictSame((await getRecord(app, token)).json().result, before, `${s.name}: nothing applied`)
    }
  }
})

t.test('every built-in scenario on both document kinds and both types: refused, or only the session engine\'s own codes appear', async t => {
  for (const s of app.scenarios.all) {
    for (const type of ['00', '01'] as const) {
      for (const [idType, country] of [['ID_CARD', 'MYS'], ['PASSPORT', 'JPN']] as const) {
        const label = `${s.name} on ${type} ${idType}`
        const token = await createSession(app, { type, id_type: idType, id_country: country })
        const res = await app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, payload: { scenario: s.name } })
        const fits = (s.document?.id_type ?? idType) === idType && (s.type ?? type) === type && !(type === '01' && needsFaceStep(s, app.config.facePassThreshold))
        if (!fits) {
          t.equal(res.statusCode, 422, `${label}: refused`)
          t.equal((await getRecord(app, token)).json().result.ocr_charged, 0, `${label}: nothing applied`)
          continue
        }
        t.equal(res.statusCode, 200, label)
        const view = res.json().result
        const allowed = new Set<string>(['Success', ...WARNING_CODES, ...ENGINE_CODES[idType]])
        const played = view.attempts.ocr.flatMap((a: { code: string | string[] }) => (Array.isArray(a.code) ? a.code : [a.code]))
        for (const code of played) t.ok(allowed.has(code), `${label}: ${code} is the ${idType} engine's`)
        const latest = view.record.latest_error
        if (latest !== null && view.record.face_id_result === null) t.ok(allowed.has(latest), `${label}: latest_error ${latest} is the ${idType} engine's`)
      }
    }
  }
})

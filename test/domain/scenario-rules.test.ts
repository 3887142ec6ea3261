import t from 'tap'
import { catalogueProblems, fitProblems, fits, kindsOf, ocrAttemptsFor, scenarioProblems } from '../../src/domain/scenario-rules.js'
import type { ScenarioBody } from '../../src/schemas/scenario.js'

// What makes a scenario unplayable (the control plane's 422s and the catalogue's start-up check),
// and which sessions a scenario fits (the page's presets, arming, complete).

const PASS: ScenarioBody = { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }
const CARD_00 = { type: '00', idType: 'ID_CARD' } as const
const PASSPORT_01 = { type: '01', idType: 'PASSPORT' } as const

t.test('a playable scenario has no problem', async t => {
  t.strictSame(scenarioProblems(PASS, 70), [])
  t.strictSame(scenarioProblems({}, 70), [], 'an empty scenario plays nothing')
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: '9108' }, { code: '9101' }, { code: 'Success' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }, { code: 'Success' }] } }, 70), [], 'three OCR and two face attempts, each pass last')
  t.strictSame(scenarioProblems({ expire: true }, 70), [])
  t.strictSame(scenarioProblems({ expire: false, ...PASS }, 70), [], 'expire: false plays its attempts')
  t.strictSame(scenarioProblems({ type: '01', ocr: { attempts: [{ code: 'Success' }] } }, 70), [])
  t.strictSame(scenarioProblems({ document: { id_type: 'ID_CARD', card_type: 'MyPR' } }, 70), [])
  t.strictSame(scenarioProblems({ document: { id_type: 'PASSPORT', passport_expired: true } }, 70), [])
  t.strictSame(scenarioProblems({ document: { card_type: 'MyPR', passport_expired: false } }, 70), [], 'no id_type: both may be given')
})

t.test('each impossible flow is named once, with its field', async t => {
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: 'Success' }, { code: '9108' }] } }, 70), ['ocr.attempts: no attempt may follow a Success'])
  t.strictSame(scenarioProblems({ face: { attempts: [{ code: 'Success' }] } }, 70), ['face.attempts: the face step needs an OCR attempt with code Success'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: '9108' }] }, face: { attempts: [{ code: 'Success' }] } }, 70), ['face.attempts: the face step needs an OCR attempt with code Success'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }, { code: 'FailedOperation.LivessDetectFake' }] } }, 70), ['face.attempts: no attempt may follow a Success'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: '9101' }, { code: '9102' }, { code: '9103' }, { code: 'Success' }] } }, 70), ['ocr.attempts: at most 3 attempts'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }, { code: 'FailedOperation.LivessDetectFake' }, { code: 'FailedOperation.LivessDetectFake' }] } }, 70), ['face.attempts: at most 2 attempts'])
  t.strictSame(scenarioProblems({ expire: true, ocr: { attempts: [{ code: '9108' }] } }, 70), ['expire: an expiring scenario plays no attempt'])
  t.strictSame(scenarioProblems({ expire: true, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }] } }, 70), ['face.attempts: the face step needs an OCR attempt with code Success', 'expire: an expiring scenario plays no attempt'])
  t.strictSame(scenarioProblems({ type: '01', ...PASS }, 70), ['face.attempts: a type 01 (OCR-only) scenario plays no face attempt'])
  t.strictSame(scenarioProblems({ document: { id_type: 'PASSPORT', card_type: 'MyPR' } }, 70), ['document.card_type: only for id_type ID_CARD'])
  t.strictSame(scenarioProblems({ document: { id_type: 'ID_CARD', passport_expired: true } }, 70), ['document.passport_expired: only for id_type PASSPORT'])
})

t.test('a card-warning list needs one warning at least, each once, and names the attempt', async t => {
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: '9108' }, { code: ['9102', '9102'] }] } }, 70), ['ocr.attempts[1].code: the card warning 9102 is listed twice.'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: [] }] } }, 70), ['ocr.attempts[0].code: a list of card warnings needs at least one code.'])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: ['9102', '9108'] }, { code: 'Success' }] } }, 70), [])
})

t.test('a per-kind code is checked for each kind the scenario may be played on', async t => {
  const perKind: ScenarioBody = { ocr: { attempts: [{ code: { ID_CARD: 'Success', PASSPORT: '9108' } }, { code: 'Success' }] } }
  t.strictSame(scenarioProblems(perKind, 70), ['ocr.attempts: no attempt may follow a Success'], 'on a card session the pass comes first')
  t.strictSame(scenarioProblems({ ...perKind, document: { id_type: 'PASSPORT' } }, 70), [], 'a passport-only scenario is played on passports only')
  const faceAfterPassportPass: ScenarioBody = { ocr: { attempts: [{ code: { ID_CARD: '9108', PASSPORT: 'Success' } }] }, face: { attempts: [{ code: 'Success' }] } }
  t.strictSame(scenarioProblems(faceAfterPassportPass, 70), ['face.attempts: the face step needs an OCR attempt with code Success'])
  t.strictSame(scenarioProblems({ ...faceAfterPassportPass, document: { id_type: 'PASSPORT' } }, 70), [])
  t.strictSame(scenarioProblems({ ocr: { attempts: [{ code: { ID_CARD: ['9101', '9101'], PASSPORT: ['9101', '9101'] } }] } }, 70), ['ocr.attempts[0].code: the card warning 9101 is listed twice.'], 'the same problem on both kinds is named once')
})

t.test('a face pass is judged at the threshold: a Success under it is a failure and may be retried', async t => {
  const lowThenPass: ScenarioBody = { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 60 }, { code: 'Success' }] } }
  t.strictSame(scenarioProblems(lowThenPass, 70), [], 'at 70, sim 60 fails: the second attempt is a retry')
  t.strictSame(scenarioProblems(lowThenPass, 50), ['face.attempts: no attempt may follow a Success'], 'at 50, sim 60 passes')
})

t.test('kinds and attempts a scenario is played with', async t => {
  t.strictSame(kindsOf({}), ['ID_CARD', 'PASSPORT'])
  t.strictSame(kindsOf({ document: { card_type: 'MyPR' } }), ['ID_CARD', 'PASSPORT'])
  t.strictSame(kindsOf({ document: { id_type: 'PASSPORT' } }), ['PASSPORT'])
  t.strictSame(ocrAttemptsFor({}, 'ID_CARD'), [])
  const s: ScenarioBody = { ocr: { attempts: [{ code: { ID_CARD: 'FailedOperation.NoMASIDCard', PASSPORT: ['9101', '9108'] } }, { code: 'Success' }] } }
  t.strictSame(ocrAttemptsFor(s, 'ID_CARD'), [{ code: 'FailedOperation.NoMASIDCard' }, { code: 'Success' }])
  t.strictSame(ocrAttemptsFor(s, 'PASSPORT'), [{ code: ['9101', '9108'] }, { code: 'Success' }])
})

t.test('a catalogue file names only codes the engine of each kind it fits returns', async t => {
  t.strictSame(catalogueProblems(PASS), [])
  t.strictSame(catalogueProblems({ ocr: { attempts: [{ code: 'FailedOperation.NoPassport' }] } }), [
    'ocr.attempts[0].code: FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR). Give a code per document kind ({"ID_CARD": …, "PASSPORT": …}) or set document.id_type.'
  ])
  t.strictSame(catalogueProblems({ document: { id_type: 'PASSPORT' }, ocr: { attempts: [{ code: '9108' }, { code: 'FailedOperation.NoPassport' }] } }), [], 'a passport-only file may name passport codes')
  t.strictSame(catalogueProblems({ document: { id_type: 'ID_CARD' }, ocr: { attempts: [{ code: '9108' }, { code: 'FailedOperation.NoPassport' }] } }), [
    'ocr.attempts[1].code: FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).'
  ], 'with id_type set, no hint to give a code per kind')
  t.strictSame(catalogueProblems({ ocr: { attempts: [{ code: { ID_CARD: 'FailedOperation.NoPassport', PASSPORT: 'FailedOperation.NoMASIDCard' } }] } }), [
    'ocr.attempts[0].code: FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR). Give a code per document kind ({"ID_CARD": …, "PASSPORT": …}) or set document.id_type.',
    'ocr.attempts[0].code: FailedOperation.NoMASIDCard comes from the card OCR (MLIDCardOCR) only; this PASSPORT session is read by the passport OCR (MLIDPassportOCR). Give a code per document kind ({"ID_CARD": …, "PASSPORT": …}) or set document.id_type.'
  ], 'swapped per-kind codes: both named')
})

t.test('which sessions a scenario fits', async t => {
  t.strictSame(fitProblems(PASS, CARD_00, 70), [])
  t.equal(fits(PASS, CARD_00, 70), true)
  t.equal(fits(PASS, PASSPORT_01, 70), true, 'face attempts that all pass need no face step')
  t.strictSame(fitProblems({ ...PASS, document: { id_type: 'PASSPORT' } }, CARD_00, 70), [{ field: 'scenario', message: 'The scenario is for PASSPORT sessions; this session is ID_CARD.' }])
  t.equal(fits({ ...PASS, document: { id_type: 'PASSPORT' } }, PASSPORT_01, 70), true)
  t.strictSame(fitProblems({ ...PASS, type: '00' }, PASSPORT_01, 70), [{ field: 'scenario', message: 'The scenario is for type 00 sessions; this session is type 01.' }])
  t.equal(fits({ ...PASS, type: '01' }, PASSPORT_01, 70), true)
  t.equal(fits({ ...PASS, type: '01' }, CARD_00, 70), false)

  const faceFails: ScenarioBody = { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }, { code: 'FailedOperation.LivessDetectFake' }] } }
  t.strictSame(fitProblems(faceFails, PASSPORT_01, 70), [{
    field: 'face.attempts[1]',
    message: 'The scenario needs the face step (face attempt 2 fails with FailedOperation.LivessDetectFake), which a type 01 (OCR-only) session does not have.'
  }])
  t.equal(fits(faceFails, CARD_00, 70), true)
  const lowSim: ScenarioBody = { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 60 }] } }
  t.strictSame(fitProblems(lowSim, PASSPORT_01, 70), [{
    field: 'face.attempts[0]',
    message: 'The scenario needs the face step (face attempt 1 fails with FailedOperation.CompareLowSimilarity), which a type 01 (OCR-only) session does not have.'
  }], 'a Success under the threshold fails')
  t.equal(fits(lowSim, PASSPORT_01, 50), true)

  t.strictSame(fitProblems({ ocr: { attempts: [{ code: 'FailedOperation.NoMASIDCard' }] } }, PASSPORT_01, 70), [{
    field: 'ocr.attempts[0].code',
    message: 'FailedOperation.NoMASIDCard comes from the card OCR (MLIDCardOCR) only; this PASSPORT session is read by the passport OCR (MLIDPassportOCR).'
  }])
  t.strictSame(fitProblems({ ocr: { attempts: [{ code: '9108' }, { code: 'FailedOperation.NoMASIDCard' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }] } }, PASSPORT_01, 70).map(p => p.field), ['face.attempts[0]', 'ocr.attempts[1].code'], 'every problem, face first')
})

import t from 'tap'
import { buildOcrResult, generateIdentity, seededUuid } from '../../../src/domain/identity/index.js'
import { applyScenario } from '../../../src/domain/flow.js'
import { EMPTY_OUTCOME, type Verification } from '../../../src/domain/verification.js'

// The person a session shows is a pure function of SANDBOX_SEED and the token, and stays the same
// from one release to the next: a QA script that pins "token X under seed ci-42 reads as KOH MENG
// CHUN" keeps passing. These are the exact people; a change to the random source, the seed's
// format or a fixture list shows up here first and must be called out in the release notes.

const NOW = Date.parse('2025-02-01T13:56:47Z')
const TOKEN = 'TOKEN0000000000000000000000001'

const session: Verification = {
  id: 1, organisationId: 7, clientId: 'merchant-a', endUserId: null, type: '00', token: TOKEN,
  url: `http://localhost:3939/verifications?token=${TOKEN}`, redirectUrl: 'https://merchant.example/return',
  idCountry: 'MYS', idType: 'ID_CARD', walletAddress: null, ocrAttempts: [], faceAttempts: [], document: null,
  outcome: EMPTY_OUTCOME, finished: false, armed: null, expireAt: NOW + 900_000, createdAt: NOW, updatedAt: NOW, prunedAt: null
}
const pass = { ocr: { attempts: [{ code: 'Success' as const }] }, face: { attempts: [{ code: 'Success' as const }] } }

t.test('a MyKad holder: the same person for the same seed and token, in every release', async t => {
  t.strictSame(generateIdentity({ seed: `:${TOKEN}`, idType: 'ID_CARD', country: 'MYS', now: NOW }), {
    idType: 'ID_CARD', country: 'MYS', cardType: 'MyKad', ethnicity: 'MALAY', name: 'AIMAN BIN MOHD', sex: 'M',
    birthDate: '1990-09-13', birthState: 'PERAK', idNumber: '900913-08-5075',
    address: { lines: ['NO 52 JALAN TEMPINIS', 'TAMAN SRI MUDA', '32000 SITIAWAN', 'PERAK'], postcode: '32000', town: 'SITIAWAN', state: 'PERAK' }
  })
  t.strictSame(generateIdentity({ seed: `ci-42:${TOKEN}`, idType: 'ID_CARD', country: 'MYS', now: NOW }), {
    idType: 'ID_CARD', country: 'MYS', cardType: 'MyKad', ethnicity: 'CHINESE', name: 'KOH MENG CHUN', sex: 'M',
    birthDate: '1959-02-23', birthState: 'PERLIS', idNumber: '590223-40-7747',
    address: { lines: ['NO 130 JALAN CEMPAKA 7/2', 'TAMAN MELAWATI', '01000 KANGAR', 'PERLIS'], postcode: '01000', town: 'KANGAR', state: 'PERLIS' }
  })
})

t.test('a passport holder, MRZ included', async t => {
  t.strictSame(generateIdentity({ seed: ':TOKEN0000000000000000000000002', idType: 'PASSPORT', country: 'GBR', now: NOW }), {
    idType: 'PASSPORT', country: 'GBR', documentNumber: '580723277', surname: 'TAYLOR', givenNames: 'SOPHIE OLIVIA', sex: 'F',
    birthDate: '1953-11-04', issueDate: '2021-04-23', expiryDate: '2031-04-23', personalNumber: '',
    mrz: { line1: 'P<GBRTAYLOR<<SOPHIE<OLIVIA<<<<<<<<<<<<<<<<<<', line2: '5807232779GBR5311046F3104231<<<<<<<<<<<<<<<4' }
  })
})

t.test('the engines\' RequestIds are stable UUIDs', async t => {
  t.equal(seededUuid(`:${TOKEN}:ocr:0`), 'e97da8e3-a4d1-45f7-8fcb-fab92f52362a')
  t.equal(seededUuid(''), '3966fbbc-8fc4-4b13-b180-63790e0de1bf')
})

t.test('a played session shows that person: without SANDBOX_SEED, and with one', async t => {
  const unseeded = applyScenario(session, pass, { now: NOW, threshold: 70, seed: null }).outcome.ocrResult
  t.equal(unseeded?.Name, 'AIMAN BIN MOHD')
  t.equal(unseeded?.RequestId, 'e97da8e3-a4d1-45f7-8fcb-fab92f52362a')
  const seeded = applyScenario(session, pass, { now: NOW, threshold: 70, seed: 'ci-42' }).outcome.ocrResult
  t.equal(seeded?.Name, 'KOH MENG CHUN')
})

t.test('a Chinese passport names its issuing province from the number\'s last digit', async t => {
  const places = ['a', 'b', 'c'].map(s => {
    const holder = generateIdentity({ seed: `:CHN${s}`, idType: 'PASSPORT', country: 'CHN', now: NOW })
    const result = buildOcrResult(holder, { warnCardInfos: [], requestId: 'r' }) as { PassportRecognizeInfos: { IssuePlace: string } }
    return [holder.idType === 'PASSPORT' ? holder.documentNumber : '', result.PassportRecognizeInfos.IssuePlace]
  })
  t.strictSame(places, [['E98678996', 'HUBEI'], ['E56582362', 'GUANGDONG'], ['E47816877', 'FUJIAN']])
})

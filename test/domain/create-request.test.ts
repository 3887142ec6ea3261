import t from 'tap'
import { validateCreateRequest } from '../../src/domain/create-request.js'
import { PASSPORT_COUNTRY_LIST } from '../../src/domain/documents.js'

const valid = { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://m.example/back' }
const errorsOf = (body: unknown) => {
  const r = validateCreateRequest(body)
  return 'errors' in r ? r.errors : null
}

t.test('a valid body maps to the request, unknown fields ignored', async t => {
  t.strictSame(validateCreateRequest({ ...valid, extra: { deep: true }, wallet_address: '0xabc' }), {
    value: { type: '00', idCountry: 'MYS', idType: 'ID_CARD', redirectUrl: 'https://m.example/back', walletAddress: '0xabc' }
  })
})

t.test('each rule names its field in Laravel wording', async t => {
  const cases: Array<[Record<string, unknown>, Record<string, string[]>]> = [
    [{ type: undefined }, { type: ['The type field is required.'] }],
    [{ type: '' }, { type: ['The type field is required.'] }],
    [{ type: '02' }, { type: ['The selected type is invalid.'] }],
    [{ type: 0 }, { type: ['The type field must be a string.'] }],
    [{ id_country: 'XXX' }, { id_country: ['The selected id country is invalid.'] }],
    [{ id_country: 'mys' }, { id_country: ['The selected id country is invalid.'] }],
    [{ id_country: 'SGP' }, { id_country: ['The selected id country is not supported for id type ID_CARD.'] }],
    [{ id_type: 'PASSPORT', id_country: 'BRA' }, { id_country: ['The selected id country is not supported for id type PASSPORT.'] }],
    [{ id_type: 'DRIVING_LICENCE' }, { id_type: ['The selected id type is invalid.'] }],
    [{ redirect_url: '/relative' }, { redirect_url: ['The redirect url field must be a valid URL.'] }],
    [{ redirect_url: 'javascript:alert(1)' }, { redirect_url: ['The redirect url field must be a valid URL.'] }],
    [{ redirect_url: 'ftp://m.example/' }, { redirect_url: ['The redirect url field must be a valid URL.'] }],
    [{ redirect_url: `https://m.example/${'a'.repeat(2100)}` }, { redirect_url: ['The redirect url field must not be greater than 2048 characters.'] }],
    [{ wallet_address: 12 }, { wallet_address: ['The wallet address field must be a string.'] }]
  ]
  for (const [change, expected] of cases) t.strictSame(errorsOf({ ...valid, ...change }), expected, JSON.stringify(change).slice(0, 80))
})

t.test('every listed passport country is accepted for PASSPORT', async t => {
  t.equal(PASSPORT_COUNTRY_LIST.length, 32)
  for (const country of PASSPORT_COUNTRY_LIST) t.equal(errorsOf({ ...valid, id_type: 'PASSPORT', id_country: country }), null, country)
})

t.test('a body that is not an object reports every required field', async t => {
  for (const body of [null, [], 'text', 42, undefined]) {
    t.strictSame(Object.keys(errorsOf(body) ?? {}), ['type', 'id_country', 'id_type', 'redirect_url'])
  }
})

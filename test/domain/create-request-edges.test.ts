import t from 'tap'
import { validateCreateRequest } from '../../src/domain/create-request.js'

// Edges the mutation run found untested: null fields, type 01, missing fields alone, length limits.
const valid = { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://m.example/back' }
const errorsOf = (body: unknown) => {
  const r = validateCreateRequest(body)
  return 'errors' in r ? r.errors : null
}

t.test('null counts as missing; a missing country or id type is only "required"', async t => {
  t.strictSame(errorsOf({ ...valid, type: null }), { type: ['The type field is required.'] })
  t.strictSame(errorsOf({ ...valid, id_country: undefined }), { id_country: ['The id country field is required.'] })
  t.strictSame(errorsOf({ ...valid, id_type: undefined }), { id_type: ['The id type field is required.'] })
  t.strictSame(errorsOf({ ...valid, id_type: null, id_country: null }), { id_country: ['The id country field is required.'], id_type: ['The id type field is required.'] })
})

t.test('type 01 is valid; 255 characters is the limit, not one under it', async t => {
  t.strictSame(validateCreateRequest({ ...valid, type: '01' }), { value: { type: '01', idCountry: 'MYS', idType: 'ID_CARD', redirectUrl: 'https://m.example/back', walletAddress: null } })
  t.strictSame(errorsOf({ ...valid, wallet_address: 'w'.repeat(255) }), null, '255 characters pass')
  t.strictSame(errorsOf({ ...valid, wallet_address: 'w'.repeat(256) }), { wallet_address: ['The wallet address field must not be greater than 255 characters.'] })
})

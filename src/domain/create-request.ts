import { isHttpUrl } from '../config.js'
import type { FieldErrors } from '../errors.js'
import { ID_TYPES, isAlpha3, supportsDocument, type IdType } from './documents.js'
import type { VerificationType } from './attempts.js'

export interface CreateRequest {
  type: VerificationType
  idCountry: string
  idType: IdType
  redirectUrl: string
  walletAddress: string | null
}

const MAX_URL_LENGTH = 2048
const MAX_WALLET_LENGTH = 255

/** Laravel words an attribute with spaces: `redirect_url` -> `redirect url`. */
const label = (field: string): string => field.replace(/_/g, ' ')

/**
 * Checks a create body the way the real API's validator would, reporting every bad field at once.
 * Unknown fields are ignored. Empty strings count as missing (Laravel's ConvertEmptyStringsToNull).
 */
export function validateCreateRequest (body: unknown): { value: CreateRequest } | { errors: FieldErrors } {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>
  const errors: FieldErrors = {}
  const fail = (field: string, message: string): void => { (errors[field] ??= []).push(message) }
  const text = (field: string, required: boolean, maxLength: number): string | undefined => {
    const v = input[field]
    if (v === undefined || v === null || v === '') {
      if (required) fail(field, `The ${label(field)} field is required.`)
      return undefined
    }
    if (typeof v !== 'string') { fail(field, `The ${label(field)} field must be a string.`); return undefined }
    if (v.length > maxLength) { fail(field, `The ${label(field)} field must not be greater than ${maxLength} characters.`); return undefined }
    return v
  }

  const type = text('type', true, 255)
  if (type !== undefined && type !== '00' && type !== '01') fail('type', 'The selected type is invalid.')

  const idCountry = text('id_country', true, 255)
  const countryKnown = idCountry !== undefined && isAlpha3(idCountry)
  if (idCountry !== undefined && !countryKnown) fail('id_country', 'The selected id country is invalid.')

  const idType = text('id_type', true, 255)
  const idTypeKnown = idType !== undefined && (ID_TYPES as readonly string[]).includes(idType)
  if (idType !== undefined && !idTypeKnown) fail('id_type', 'The selected id type is invalid.')

  if (countryKnown && idTypeKnown && !supportsDocument(idType as IdType, idCountry)) {
    fail('id_country', `The selected id country is not supported for id type ${idType}.`)
  }

  const redirectUrl = text('redirect_url', true, MAX_URL_LENGTH)
  if (redirectUrl !== undefined && !isHttpUrl(redirectUrl)) fail('redirect_url', 'The redirect url field must be a valid URL.')

  const walletAddress = text('wallet_address', false, MAX_WALLET_LENGTH)

  if (Object.keys(errors).length > 0) return { errors }
  return {
    value: {
      type: type as VerificationType,
      idCountry: idCountry as string,
      idType: idType as IdType,
      redirectUrl: redirectUrl as string,
      walletAddress: walletAddress ?? null
    }
  }
}

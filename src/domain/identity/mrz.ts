// ICAO 9303 TD3 (passport) machine-readable zone: two lines of 44 characters.
import type { IsoDate, Sex } from './types.js'
import { yymmdd } from './dates.js'

export const TD3_LINE_LENGTH = 44
/** Room for `PRIMARY<<SECONDARY` on line 1, after `P<` and the 3-character state code. */
export const TD3_NAME_LENGTH = 39

/** The 7-3-1 weighted check digit: digits count as themselves, A-Z as 10-35, `<` as 0. */
export function checkDigit (field: string): string {
  let sum = 0
  for (let i = 0; i < field.length; i++) {
    const c = field[i]
    // Stryker disable next-line ArithmeticOperator: `+ 55` differs from `- 55` by 110, a multiple of 10, and the check digit is the sum modulo 10
    const value = c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : NaN
    if (Number.isNaN(value)) throw new RangeError(`'${c}' cannot appear in an MRZ`)
    sum += value * [7, 3, 1][i % 3]
  }
  return String(sum % 10)
}

/**
 * A name as the MRZ spells it: apostrophes dropped, spaces, hyphens and other separators become one
 * filler (ICAO 9303 part 3). Input is already ASCII upper case (the fixtures are transliterated).
 */
export function mrzName (text: string): string {
  return text.toUpperCase().replaceAll("'", '').replace(/[^A-Z]+/g, '<').replace(/^<|<$/g, '')
}

/** The name field of line 1 before padding, or null when it would have to be truncated. */
export function mrzNameField (primary: string, secondary: string): string | null {
  const field = secondary === '' ? mrzName(primary) : `${mrzName(primary)}<<${mrzName(secondary)}`
  return field.length <= TD3_NAME_LENGTH ? field : null
}

export interface Td3Input {
  /** code as the MRZ writes it (see mrzCountryCode) */
  issuingState: string
  nationality: string
  surname: string
  givenNames: string
  documentNumber: string
  birthDate: IsoDate
  sex: Sex
  expiryDate: IsoDate
  personalNumber: string
}

export function td3 (p: Td3Input): { line1: string, line2: string } {
  const name = mrzNameField(p.surname, p.givenNames)
  if (name === null) throw new RangeError(`name too long for an MRZ: ${p.surname} / ${p.givenNames}`)
  if (!/^[A-Z0-9]{1,9}$/.test(p.documentNumber)) throw new RangeError(`document number must be 1-9 of A-Z 0-9: ${p.documentNumber}`)
  if (!/^[A-Z0-9]{0,14}$/.test(p.personalNumber)) throw new RangeError(`personal number must be 0-14 of A-Z 0-9: ${p.personalNumber}`)

  const line1 = fit(`P<${fit(p.issuingState, 3)}${name}`, TD3_LINE_LENGTH)
  const number = fit(p.documentNumber, 9)
  const birth = yymmdd(p.birthDate)
  const expiry = yymmdd(p.expiryDate)
  const personal = fit(p.personalNumber, 14)
  // ICAO 9303 lets an empty personal number take `<` (or 0) as its check digit.
  const personalCheck = p.personalNumber === '' ? '<' : checkDigit(personal)
  const head = `${number}${checkDigit(number)}${fit(p.nationality, 3)}${birth}${checkDigit(birth)}${p.sex}${expiry}${checkDigit(expiry)}${personal}${personalCheck}`
  // Composite: number+check, birth+check, expiry+check, personal number+check (positions 1-10, 14-20, 22-43).
  const composite = checkDigit(head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43))
  return { line1, line2: `${head}${composite}` }
}

function fit (text: string, length: number): string {
  return text.padEnd(length, '<')
}

// The core entry: the codes alone. The package's main entry also registers ~80 name locales (~1 MB),
// which cost ~45 ms of start-up and memory for names the sandbox never shows.
import countries from 'i18n-iso-countries/index.js'
import { PASSPORT_COUNTRIES } from './identity/passport-countries.js'

export const ID_TYPES = ['ID_CARD', 'PASSPORT'] as const
export type IdType = typeof ID_TYPES[number]

/** ID_CARD is Malaysian only (MyKad and its kin). */
export const ID_CARD_COUNTRIES: readonly string[] = ['MYS']

/** Countries whose passports the engine reads: one list, kept with the passport generator. */
export const PASSPORT_COUNTRY_LIST: readonly string[] = PASSPORT_COUNTRIES

/** A real ISO 3166-1 alpha-3 code, in upper case as the API takes it. */
export function isAlpha3 (code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && countries.alpha3ToAlpha2(code) !== undefined
}

export function supportsDocument (idType: IdType, country: string): boolean {
  return (idType === 'ID_CARD' ? ID_CARD_COUNTRIES : PASSPORT_COUNTRY_LIST).includes(country)
}

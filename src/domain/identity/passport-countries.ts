// Which passports the engine reads, and the code each one's MRZ uses.

/** The 32 countries of the draft docs, in the reference's order. */
export const PASSPORT_COUNTRIES: readonly string[] = Object.freeze([
  'AUS', 'BGD', 'CAN', 'CHN', 'CUB', 'DEU', 'FRA', 'IND', 'IDN', 'IRN', 'ITA', 'JPN', 'KAZ', 'KOR', 'LAO', 'MYS',
  'MNG', 'NLD', 'NZL', 'NGA', 'PAK', 'PHL', 'RUS', 'SAU', 'SGP', 'SYR', 'THA', 'UKR', 'GBR', 'USA', 'VNM', 'ZAF'
])

/**
 * The issuing-state / nationality code as the MRZ writes it. ICAO 9303 part 3 keeps `D` for Germany
 * (padded `D<<`), and German passports really carry it, so the sandbox MRZ does too: MRZ readers in
 * merchant code meet what production gives them. Outside the MRZ (IssuingCountry, Nationality) the
 * sandbox reports the alpha-3 `DEU`, as the reference documents those fields and as the merchant
 * asked for it in id_country.
 */
export function mrzCountryCode (alpha3: string): string {
  return alpha3 === 'DEU' ? 'D' : alpha3
}

// The MyKad number YYMMDD-PB-###G: birth date, place-of-birth code, serial whose last digit is odd for
// men and even for women.
import type { Faker } from '@faker-js/faker'
import { yymmdd } from './dates.js'
import { STATES } from './fixtures.js'
import type { IsoDate, Sex } from './types.js'

export function myKadNumber (faker: Faker, birthDate: IsoDate, sex: Sex, birthState: string): string {
  const state = STATES.find(s => s.name === birthState)
  if (state === undefined) throw new RangeError(`unknown Malaysian state ${birthState}`)
  const pb = faker.helpers.arrayElement(state.pbCodes)
  // As on real cards: serials of people born in the 1900s start with 5-9, from 2000 on with 0-4,
  // which is how a reader tells the century of a two-digit year.
  const lead = Number(birthDate.slice(0, 4)) < 2000 ? faker.number.int({ min: 5, max: 9 }) : faker.number.int({ min: 0, max: 4 })
  const middle = String(faker.number.int({ min: 0, max: 99 })).padStart(2, '0')
  const last = 2 * faker.number.int({ min: 0, max: 4 }) + (sex === 'M' ? 1 : 0)
  return `${yymmdd(birthDate)}-${pb}-${lead}${middle}${last}`
}

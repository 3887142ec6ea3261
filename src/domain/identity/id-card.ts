// A Malaysian card holder: name, birth date, MyKad number and address that agree with one another.
import type { Faker } from '@faker-js/faker'
import { addDays, addYears, dayBetween, isoDay } from './dates.js'
import { STATES } from './fixtures.js'
import { malaysianAddress } from './malaysian-address.js'
import { malaysianName } from './malaysian-name.js'
import { myKadNumber } from './mykad-number.js'
import type { CardType, IdCardIdentity, IsoDate } from './types.js'

/** Ages (whole years on the sandbox clock's day) of each kind of holder. MyKid is the under-12 card. */
const MYKID_AGES = { min: 0, max: 11 }
const ADULT_AGES = { min: 18, max: 80 }

export function idCardIdentity (faker: Faker, cardType: CardType, now: number): IdCardIdentity {
  const sex = faker.helpers.arrayElement(['M', 'F'] as const)
  const { name, ethnicity } = malaysianName(faker, sex)
  const birthDate = birthDateForAge(faker, isoDay(now), cardType === 'MyKid' ? MYKID_AGES : ADULT_AGES)
  const birthState = faker.helpers.arrayElement(STATES).name
  const idNumber = myKadNumber(faker, birthDate, sex, birthState)
  const address = malaysianAddress(faker, birthState)
  return { idType: 'ID_CARD', country: 'MYS', cardType, ethnicity, name, sex, birthDate, birthState, idNumber, address }
}

/** A birth date giving an age in [min, max] on `today`. */
export function birthDateForAge (faker: Faker, today: IsoDate, ages: { min: number, max: number }): IsoDate {
  const latest = addYears(today, -ages.min)
  const earliest = addDays(addYears(today, -(ages.max + 1)), 1)
  return dayBetween(faker, earliest, latest)
}

// A passport holder whose visual zone, MRZ and dates agree, with a name that fits the issuing country.
import type { Faker } from '@faker-js/faker'
import { addYears, dayBetween, addDays, isoDay } from './dates.js'
import { PASSPORT_NAMES, STATES, type PassportCountryFixture } from './fixtures.js'
import { birthDateForAge } from './id-card.js'
import { malaysianName } from './malaysian-name.js'
import { myKadNumber } from './mykad-number.js'
import { mrzNameField, td3 } from './mrz.js'
import { mrzCountryCode, PASSPORT_COUNTRIES } from './passport-countries.js'
import type { IsoDate, PassportIdentity, Sex } from './types.js'

const HOLDER_AGES = { min: 18, max: 75 }
const VALIDITY_YEARS = 10
/** A valid passport has at least this many days left, so it stays valid through a test run. */
const MIN_DAYS_LEFT = 30
/** An expired passport ran out 1 day to 5 years before today. */
const MAX_YEARS_EXPIRED = 5
const NAME_TRIES = 20

export function passportIdentity (faker: Faker, country: string, expired: boolean, now: number): PassportIdentity {
  const fixture = PASSPORT_NAMES[country]
  if (!PASSPORT_COUNTRIES.includes(country) || fixture === undefined) throw new RangeError(`no passports for country ${country}`)
  const today = isoDay(now)
  const sex = faker.helpers.arrayElement(['M', 'F'] as const)
  const { surname, givenNames } = holderName(faker, fixture, sex)
  const birthDate = birthDateForAge(faker, today, HOLDER_AGES)
  const { issueDate, expiryDate } = validity(faker, today, expired)
  const documentNumber = faker.helpers.replaceSymbols(fixture.numberPattern)
  // Malaysian passports carry the holder's MyKad number (digits only) as the MRZ personal number.
  const personalNumber = country === 'MYS'
    ? myKadNumber(faker, birthDate, sex, faker.helpers.arrayElement(STATES).name).replaceAll('-', '')
    : ''
  const code = mrzCountryCode(country)
  const mrz = td3({ issuingState: code, nationality: code, surname, givenNames, documentNumber, birthDate, sex, expiryDate, personalNumber })
  return { idType: 'PASSPORT', country, documentNumber, surname, givenNames, sex, birthDate, issueDate, expiryDate, personalNumber, mrz }
}

/** Issued exactly VALIDITY_YEARS before expiry, never in the future; expiry after today unless `expired`. */
function validity (faker: Faker, today: IsoDate, expired: boolean): { issueDate: IsoDate, expiryDate: IsoDate } {
  const issueDate = expired
    // Latest issue whose expiry is yesterday at the latest; earliest one expired MAX_YEARS_EXPIRED ago.
    ? dayBetween(faker, addYears(today, -(VALIDITY_YEARS + MAX_YEARS_EXPIRED)), addDays(addYears(today, -VALIDITY_YEARS), -1))
    : dayBetween(faker, addDays(addYears(today, -VALIDITY_YEARS), MIN_DAYS_LEFT), today)
  return { issueDate, expiryDate: addYears(issueDate, VALIDITY_YEARS) }
}

/** A name the MRZ holds without truncation, so the visual zone and the MRZ tell the same name. */
function holderName (faker: Faker, fixture: PassportCountryFixture, sex: Sex): { surname: string, givenNames: string } {
  // Stryker disable next-line UpdateOperator: the tries end at the first name that fits, which the fixtures always give within NAME_TRIES
  for (let i = 0; i < NAME_TRIES; i++) {
    const name = fixture.nameStyle === 'malaysian'
      // Malaysian passports print a single name field: the whole name is the MRZ's primary identifier.
      ? { surname: malaysianName(faker, sex).name, givenNames: '' }
      : countryName(faker, fixture, sex)
    if (mrzNameField(name.surname, name.givenNames) !== null) return name
  }
  // Stryker disable next-line StringLiteral: unreachable: the fixtures always give a name that fits
  throw new Error('no name short enough for the MRZ: check fixtures/identity/passport-countries.json')
}

function countryName (faker: Faker, f: PassportCountryFixture, sex: Sex): { surname: string, givenNames: string } {
  // Stryker disable next-line ArrayDeclaration: unreachable: the fixture check requires surnames of every country not in the 'malaysian' style
  const surnames = f.surnames ?? []
  const index = faker.number.int({ min: 0, max: surnames.length - 1 })
  const surname = sex === 'F' && f.femaleSurnames !== undefined ? f.femaleSurnames[index] : surnames[index]
  const count = faker.number.int({ min: 1, max: f.maxGivenNames ?? 1 })
  // Stryker disable next-line ArrayDeclaration: unreachable: the fixture check requires male and female names of every country not in the 'malaysian' style
  const givenNames = faker.helpers.arrayElements((sex === 'M' ? f.male : f.female) ?? [], count).join(' ')
  return { surname, givenNames }
}

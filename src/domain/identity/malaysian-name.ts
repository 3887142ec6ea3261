// Malaysian names as printed on MyKad, by community, each following its own naming custom.
import type { Faker } from '@faker-js/faker'
import { MALAYSIAN_NAMES as N } from './fixtures.js'
import type { Ethnicity, Sex } from './types.js'

export interface MalaysianName { name: string, ethnicity: Ethnicity }

/** Roughly the population's proportions, so a run of sessions looks like a Malaysian user base. */
const ETHNICITY_WEIGHTS: ReadonlyArray<{ value: Ethnicity, weight: number }> = Object.freeze([
  { value: 'MALAY', weight: 60 }, { value: 'CHINESE', weight: 25 }, { value: 'INDIAN', weight: 15 }
])

export function malaysianName (faker: Faker, sex: Sex): MalaysianName {
  const ethnicity = faker.helpers.weightedArrayElement(ETHNICITY_WEIGHTS)
  const pick = faker.helpers.arrayElement
  switch (ethnicity) {
    case 'MALAY': {
      // Patronymic: BIN (son of) / BINTI (daughter of) and the father's given name(s).
      const given = faker.helpers.arrayElements(sex === 'M' ? N.malay.male : N.malay.female, faker.number.int({ min: 1, max: 2 }))
      // A son is not named exactly after his father: keep the father's names apart from the child's.
      const fathers = N.malay.male.filter(n => !given.includes(n))
      const father = distinct(faker, fathers, faker.number.int({ min: 1, max: 2 }))
      return { ethnicity, name: `${given.join(' ')} ${sex === 'M' ? 'BIN' : 'BINTI'} ${father}` }
    }
    case 'INDIAN':
      // A/L = anak lelaki (son of), A/P = anak perempuan (daughter of).
      return { ethnicity, name: `${pick(sex === 'M' ? N.indian.male : N.indian.female)} ${sex === 'M' ? 'A/L' : 'A/P'} ${pick(N.indian.male)}` }
    case 'CHINESE': {
      // Surname first, then a two-syllable given name; some carry a Western name in front.
      const given = distinct(faker, sex === 'M' ? N.chinese.male : N.chinese.female, 2)
      const western = faker.datatype.boolean({ probability: 0.2 })
        ? `${pick(sex === 'M' ? N.chinese.westernMale : N.chinese.westernFemale)} `
        : ''
      return { ethnicity, name: `${western}${pick(N.chinese.surnames)} ${given}` }
    }
  }
}

function distinct (faker: Faker, list: readonly string[], count: number): string {
  return faker.helpers.arrayElements(list, count).join(' ')
}

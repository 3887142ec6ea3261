// A MyKad address: street lines, then `<postcode> <town>`, then the state, with a postcode that really
// delivers to that town.
import type { Faker } from '@faker-js/faker'
import { STATES, STREETS, TOWNS, type StateFixture } from './fixtures.js'
import type { MalaysianAddress } from './types.js'

/** Most people live in the state they were born in; the rest anywhere. */
const SAME_STATE_PROBABILITY = 0.6

export function malaysianAddress (faker: Faker, birthState: string): MalaysianAddress {
  const local = TOWNS.filter(t => t.state === birthState)
  const pool = local.length > 0 && faker.datatype.boolean({ probability: SAME_STATE_PROBABILITY }) ? local : TOWNS
  const town = faker.helpers.arrayElement(pool)
  const postcode = faker.helpers.arrayElement(town.postcodes)
  // Every town's state is in malaysian-states.json (fixtures.ts checks it at start-up).
  const stateLabel = (STATES.find(s => s.name === town.state) as StateFixture).addressLabel

  let street = `NO ${faker.number.int({ min: 1, max: 199 })} ${faker.helpers.arrayElement(STREETS.streetTypes)} ${faker.helpers.arrayElement(STREETS.streetNames)}`
  // Estates number their roads by section and lane, e.g. JALAN MAWAR 3/2.
  if (faker.datatype.boolean({ probability: 0.4 })) street += ` ${faker.number.int({ min: 1, max: 12 })}/${faker.number.int({ min: 1, max: 20 })}`
  const lines = [street]
  if (faker.datatype.boolean({ probability: 0.7 })) lines.push(faker.helpers.arrayElement(STREETS.housingEstates))
  lines.push(`${postcode} ${town.town}`, stateLabel)
  return { lines, postcode, town: town.town, state: town.state }
}

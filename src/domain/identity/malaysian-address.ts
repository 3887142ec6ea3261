// A MyKad address: street lines, then `<postcode> <town>`, then the state, with a postcode that really
// delivers to that town.
import type { Faker } from '@faker-js/faker'
import { STATES, STREETS, TOWNS, type TownFixture } from './fixtures.js'
import type { MalaysianAddress } from './types.js'

/** Most people live in the state they were born in; the rest anywhere. */
const SAME_STATE_PROBABILITY = 0.6

// Each state's towns (in the fixture's order) and its address label, found once rather than per
// identity: filtering the towns was about 1 % of the create → page → GET flow's CPU.
const TOWNS_IN = new Map<string, readonly TownFixture[]>(STATES.map(s => [s.name, TOWNS.filter(t => t.state === s.name)]))
const LABEL_OF = new Map<string, string>(STATES.map(s => [s.name, s.addressLabel]))

export function malaysianAddress (faker: Faker, birthState: string): MalaysianAddress {
  // birthState is one of STATES (id-card.ts draws it), each with its list, empty or not.
  const local = TOWNS_IN.get(birthState) as readonly TownFixture[]
  const pool = local.length > 0 && faker.datatype.boolean({ probability: SAME_STATE_PROBABILITY }) ? local : TOWNS
  const town = faker.helpers.arrayElement(pool)
  const postcode = faker.helpers.arrayElement(town.postcodes)
  // Every town's state is in malaysian-states.json (fixtures.ts checks it at start-up).
  const stateLabel = LABEL_OF.get(town.state) as string

  let street = `NO ${faker.number.int({ min: 1, max: 199 })} ${faker.helpers.arrayElement(STREETS.streetTypes)} ${faker.helpers.arrayElement(STREETS.streetNames)}`
  // Estates number their roads by section and lane, e.g. JALAN MAWAR 3/2.
  if (faker.datatype.boolean({ probability: 0.4 })) street += ` ${faker.number.int({ min: 1, max: 12 })}/${faker.number.int({ min: 1, max: 20 })}`
  const lines = [street]
  if (faker.datatype.boolean({ probability: 0.7 })) lines.push(faker.helpers.arrayElement(STREETS.housingEstates))
  lines.push(`${postcode} ${town.town}`, stateLabel)
  return { lines, postcode, town: town.town, state: town.state }
}

import { base, en, Faker } from '@faker-js/faker'
import { seedWords } from '../random.js'

/**
 * A Faker of its own for one seed. The global `faker` is never seeded: its state is shared by the whole
 * process, so concurrent sessions would change each other's identities.
 */
export function seededFaker (seed: string, purpose: string): Faker {
  const faker = new Faker({ locale: [en, base] })
  // The purpose keeps streams apart: the same session seed feeds other generators too.
  faker.seed(seedWords(`${purpose}\u0000${seed}`))
  return faker
}

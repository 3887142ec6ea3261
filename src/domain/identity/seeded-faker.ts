import type { Faker } from '@faker-js/faker'
import { faker as englishFaker } from '@faker-js/faker/locale/en'
import { seedWords } from '../random.js'

// Faker's main entry loads every locale (about 0.5 s of start-up and 30 MB that stay); the English
// entry loads one. It exports only an instance, so its class makes ours.
const FakerClass = englishFaker.constructor as typeof Faker

// One instance, re-seeded before every use: each identity is generated synchronously right after
// `seed()`, so no state carries from one call to the next and concurrent sessions cannot interleave.
// Building a Faker per identity cost ~0.7 ms, most of the hosted flow's CPU.
const faker: Faker = new FakerClass({ locale: englishFaker.rawDefinitions })

/**
 * Faker seeded for one identity. The global `faker` is never seeded. The purpose keeps streams
 * apart: the same session seed feeds other generators too.
 */
export function seededFaker (seed: string, purpose: string): Faker {
  faker.seed(seedWords(`${purpose}\u0000${seed}`))
  return faker
}

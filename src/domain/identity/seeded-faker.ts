import type { Faker, Randomizer } from '@faker-js/faker'
import { faker as englishFaker } from '@faker-js/faker/locale/en'
import { mixedSfc32, seedWords, sfc32 } from '../random.js'

// Faker's main entry loads every locale (about 0.5 s of start-up and 30 MB that stay); the English
// entry loads one. It exports only an instance, so its class makes ours.
const FakerClass = englishFaker.constructor as typeof Faker

const TWO_TO_32 = 2 ** 32

/**
 * Faker's random source, replaced by sfc32 (the sandbox's own PRNG). Faker's default, a Mersenne
 * Twister, fills a 624-word state on every seed, and an identity seeds once: that was about a third
 * of an identity's cost. sfc32 seeds from four words; Faker only needs next() in [0, 1). Faker calls
 * next() unbound, hence closures rather than a class.
 */
export function sfc32Randomizer (): Randomizer {
  // Unseeded, the state is all zeros (sfc32 reads a missing word as 0); seededFaker always seeds first.
  // Stryker disable next-line ArrayDeclaration: the unseeded state: seededFaker always seeds before Faker draws
  let next = sfc32([])
  return {
    next: () => next() / TWO_TO_32,
    seed: (seed: number | number[]) => {
      // Not [seed].flat(): flattening was about 1 % of the create → page → GET flow's CPU.
      next = mixedSfc32(typeof seed === 'number' ? [seed] : seed)
    }
  }
}

// One instance, re-seeded before every use: each identity is generated synchronously right after
// `seed()`, so no state carries from one call to the next and concurrent sessions cannot interleave.
// Building a Faker per identity cost ~0.7 ms, most of the hosted flow's CPU.
const faker: Faker = new FakerClass({ locale: englishFaker.rawDefinitions, randomizer: sfc32Randomizer() })

/**
 * Faker seeded for one identity. The global `faker` is never seeded. The purpose keeps streams
 * apart: the same session seed feeds other generators too.
 */
export function seededFaker (seed: string, purpose: string): Faker {
  faker.seed(seedWords(`${purpose}\u0000${seed}`))
  return faker
}

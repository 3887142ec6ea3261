import { customAlphabet, customRandom } from 'nanoid'
import { seededUint32 } from './random.js'

export const TOKEN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const TOKEN_LENGTH = 30
export const TOKEN_PATTERN = '^[0-9A-Z]{30}$'

/** Session tokens like the real sample: 30 characters of 0-9A-Z. Seeded when SANDBOX_SEED is set. */
export function tokenGenerator (seed: string | null): () => string {
  if (seed === null) return customAlphabet(TOKEN_ALPHABET, TOKEN_LENGTH)
  const next = seededUint32(`tokens:${seed}`)
  return customRandom(TOKEN_ALPHABET, TOKEN_LENGTH, size => {
    const bytes = new Uint8Array(size)
    for (let i = 0; i < size; i++) bytes[i] = next() & 0xff
    return bytes
  })
}

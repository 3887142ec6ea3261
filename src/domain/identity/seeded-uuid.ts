import { createHash } from 'node:crypto'

/** A v4-shaped UUID (lower case, version and variant bits set) derived from a seed string: stable across runs. */
export function seededUuid (seed: string): string {
  const b = createHash('sha256').update(`uuid\u0000${seed}`).digest().subarray(0, 16)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

import { mixedSfc32, seedWords } from '../random.js'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const hex8 = (w: number): string => HEX[w >>> 24] + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255]

/**
 * A v4-shaped UUID (lower case, version and variant bits set) derived from a seed string: stable
 * across runs. 128 bits of sfc32 once its state has mixed (a SHA-256 per UUID cost more than the
 * rest of an OCR result).
 */
export function seededUuid (seed: string): string {
  const next = mixedSfc32(seedWords(`uuid\u0000${seed}`))
  const a = hex8(next())
  const b = hex8(((next() & 0xffff0fff) | 0x00004000) >>> 0)
  const c = hex8(((next() & 0x3fffffff) | 0x80000000) >>> 0)
  const d = hex8(next())
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
}

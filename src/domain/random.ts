// Deterministic randomness: every random choice in the sandbox comes from a seed string, so the
// same SANDBOX_SEED replays a whole run and the same token always shows the same person.

/** 32-bit FNV-1a of a string. */
export function hash32 (text: string, basis = 0x811c9dc5): number {
  let h = basis
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Four independent 32-bit words from a string, as a seed for sfc32 or Faker. */
export function seedWords (text: string): [number, number, number, number] {
  return [hash32(text, 0x811c9dc5), hash32(text, 0x9e3779b9), hash32(text, 0x85ebca6b), hash32(text, 0xc2b2ae35)]
}

/** sfc32: a small, fast PRNG with a 128-bit state, from four 32-bit words. Returns uint32 values. */
export function sfc32 ([a, b, c, d]: readonly number[]): () => number {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0
    const t = (a + b + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
}

/** sfc32 with its first 12 outputs discarded, as its author does, so the seed's bits mix through the state. */
export function mixedSfc32 (words: readonly number[]): () => number {
  const next = sfc32(words)
  for (let i = 0; i < 12; i++) next()
  return next
}

/** sfc32 seeded from a string. */
export function seededUint32 (seed: string): () => number {
  return sfc32(seedWords(seed))
}

/** A stable positive integer id in 1..max for a string (organisation ids, end-user ids). */
export function stableId (namespace: string, text: string, max = 999_999): number {
  return 1 + (hash32(`${namespace}:${text}`) % max)
}

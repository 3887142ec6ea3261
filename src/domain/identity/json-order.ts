// MasChain stores engine results in a MySQL JSON column, which hands keys back sorted by length, then
// byte-wise; the API shows them in that order, so the sandbox builds them in that order.

const ASCII = /^[\x00-\x7f]*$/

function mysqlKeyOrder (a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  // Byte-wise on the UTF-8 bytes. For ASCII keys (all the sandbox's own) the bytes are the UTF-16
  // code units, so the strings compare directly: no two buffers made for every comparison.
  // Stryker disable next-line LogicalOperator: an ASCII key against any other of its length orders the same by code unit as by UTF-8 byte (its units are below every non-ASCII lead byte)
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

/** A copy with keys in MySQL JSON order, nested plain objects (also inside arrays) included. */
export function orderKeys<T> (value: T): T {
  if (Array.isArray(value)) return value.map(v => orderKeys(v)) as T
  if (value === null || typeof value !== 'object') return value
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source).sort(mysqlKeyOrder)) out[key] = orderKeys(source[key])
  return out as T
}

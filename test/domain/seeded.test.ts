import t from 'tap'
import { hash32, seededUint32, seedWords, stableId } from '../../src/domain/random.js'
import { TOKEN_ALPHABET, TOKEN_LENGTH, TOKEN_PATTERN, tokenGenerator } from '../../src/domain/tokens.js'
import { isAlpha3, supportsDocument } from '../../src/domain/documents.js'

// SANDBOX_SEED replays a whole run: tokens, ids and people come from FNV-1a and sfc32 of a seed.

t.test('hash32 is 32-bit FNV-1a (the published test vectors)', async t => {
  t.equal(hash32(''), 0x811c9dc5)
  t.equal(hash32('a'), 0xe40c292c)
  t.equal(hash32('foobar'), 0xbf9cf968)
  t.equal(hash32('a', 0), Math.imul(0x61, 0x01000193) >>> 0, 'another basis starts from it')
})

t.test('seedWords: four different words for one string', async t => {
  const words = seedWords('ci-42')
  t.equal(words.length, 4)
  t.equal(words[0], hash32('ci-42'))
  t.equal(new Set(words).size, 4)
})

/** sfc32 as its author gives it (PractRand), independent of the sandbox's code. */
function referenceSfc32 (a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
}

t.test('seededUint32 is sfc32 seeded with the string\'s four words', async t => {
  for (const seed of ['', 'ci-42', 'tokens:abc']) {
    const mine = seededUint32(seed)
    const ref = referenceSfc32(...seedWords(seed))
    const got = Array.from({ length: 50 }, () => mine())
    t.strictSame(got, Array.from({ length: 50 }, () => ref()), `seed "${seed}"`)
    t.ok(got.every(n => Number.isInteger(n) && n >= 0 && n <= 0xffffffff), 'uint32 values')
  }
})

t.test('stableId: the same text always gives the same id in 1..max', async t => {
  t.equal(stableId('org', 'merchant-a'), stableId('org', 'merchant-a'))
  t.equal(stableId('org', 'merchant-a'), 1 + (hash32('org:merchant-a') % 999_999))
  t.not(stableId('org', 'merchant-a'), stableId('user', 'merchant-a'), 'the namespace counts')
  const seen = new Set<number>()
  for (let i = 0; i < 200; i++) {
    const id = stableId('n', String(i), 3)
    t.ok(id >= 1 && id <= 3, `${id} in 1..3`)
    seen.add(id)
  }
  t.strictSame([...seen].sort(), [1, 2, 3], 'every id in range is used')
  for (let i = 0; i < 100; i++) {
    const id = stableId('org', `client-${i}`)
    if (!(Number.isInteger(id) && id >= 1 && id <= 999_999)) t.fail(`client-${i}: ${id}`)
  }
})

t.test('tokens: 30 characters of 0-9A-Z; a seed replays them, another seed or none does not', async t => {
  t.equal(TOKEN_LENGTH, 30)
  const pattern = new RegExp(`^[${TOKEN_ALPHABET}]{${TOKEN_LENGTH}}$`)
  const take = (gen: () => string, n = 20) => Array.from({ length: n }, () => gen())

  const seeded = take(tokenGenerator('ci-42'))
  t.strictSame(take(tokenGenerator('ci-42')), seeded, 'the same seed gives the same tokens')
  t.not(take(tokenGenerator('ci-43'))[0], seeded[0], 'another seed, other tokens')
  t.equal(new Set(seeded).size, seeded.length, 'no token twice')
  for (const token of seeded) t.match(token, pattern)
  const letters = new Set(seeded.join(''))
  t.ok(letters.size > 30, `the whole alphabet is used (${letters.size} characters)`)

  const a = take(tokenGenerator(null))
  const b = take(tokenGenerator(null))
  for (const token of a) t.match(token, pattern)
  t.not(a[0], b[0], 'without a seed, two runs differ')
  t.not(a[0], seeded[0])
})

t.test('the token pattern the OpenAPI document publishes matches tokens and nothing else', async t => {
  const re = new RegExp(TOKEN_PATTERN)
  for (const token of [...Array.from({ length: 5 }, tokenGenerator('p')), '4KK6FYHVZVN1OD9ZZK219XM0W57UD6']) t.match(token, re)
  for (const text of ['', 'abc', '4kk6fyhvzvn1od9zzk219xm0w57ud6', '4KK6FYHVZVN1OD9ZZK219XM0W57UD', '4KK6FYHVZVN1OD9ZZK219XM0W57UD6X', '4KK6FYHVZVN1OD9ZZK219XM0W57UD-']) {
    t.notOk(re.test(text), JSON.stringify(text))
  }
})

t.test('documents: real alpha-3 codes in upper case; ID_CARD is MYS only, passports of the listed countries', async t => {
  for (const code of ['MYS', 'GBR', 'FJI', 'DEU']) t.equal(isAlpha3(code), true, code)
  for (const code of ['mys', 'Mys', 'XXX', 'MY', 'MYSS', ' MYS', 'MYS ', 'M1S', '', 'GB']) t.equal(isAlpha3(code), false, JSON.stringify(code))
  t.equal(supportsDocument('ID_CARD', 'MYS'), true)
  t.equal(supportsDocument('ID_CARD', 'GBR'), false)
  t.equal(supportsDocument('PASSPORT', 'GBR'), true)
  t.equal(supportsDocument('PASSPORT', 'MYS'), true)
  t.equal(supportsDocument('PASSPORT', 'FJI'), false)
})

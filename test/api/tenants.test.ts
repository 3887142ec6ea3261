// One sandbox shared by many teams: organisation ids, ownership, per-tenant caps and eviction.
import t from 'tap'
import { organisationFor } from '../../src/plugins/auth.js'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { control } from '../sandbox/control.js'

const as = (clientId: string) => ({ client_id: clientId, client_secret: `sk_${clientId}` })

/** Families of client_ids CI jobs and hostile testers make: sequential, padded, near-identical. */
const FAMILIES: Record<string, (i: number) => string> = {
  'ci-job-N': i => `ci-job-${i}`,
  'N': i => String(i),
  'job-000N': i => `job-${String(i).padStart(6, '0')}`,
  'tenant-N-suffix': i => `tenant-${i}-ekyc`,
  'one changed character': i => `merchant-${String.fromCharCode(0x21 + (i % 94))}${String.fromCharCode(0x21 + Math.floor(i / 94) % 94)}`,
  'unicode': i => `客户-${i}-é`,
  'long prefix': i => `${'x'.repeat(200)}${i}`,
  'case': i => `Client${i.toString(36)}`.replace(/./g, (c, k) => (i >> (k % 12)) & 1 ? c.toUpperCase() : c.toLowerCase())
}

t.test('open-mode organisation ids: 31-bit, stable, and distinct over 5,000 ids of every family', async t => {
  t.equal(organisationFor('merchant-a'), organisationFor('merchant-a'))
  // Pinned: a change of the derivation would change every tenant's organisation_id after an upgrade.
  t.equal(organisationFor('merchant-a'), 1937517237)
  const seen = new Map<number, string>()
  let collisions = 0
  for (const [family, make] of Object.entries(FAMILIES)) {
    for (let i = 1; i <= 5000; i++) {
      const id = make(i)
      const org = organisationFor(id)
      if (!Number.isInteger(org) || org < 1 || org > 0x7fffffff) t.fail(`${id}: ${org} is out of range`)
      const other = seen.get(org)
      if (other !== undefined && other !== id) { collisions++; t.fail(`${family}: ${id} and ${other} share ${org}`) }
      seen.set(org, id)
    }
  }
  t.equal(collisions, 0, `${seen.size} distinct ids, no shared organisation_id`)
})

t.test('ownership is the client_id: two clients sharing an organisation_id cannot read each other\'s sessions', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'ci-a:sk_a:1001,ci-b:sk_b:1001' })
  const a = { client_id: 'ci-a', client_secret: 'sk_a' }
  const b = { client_id: 'ci-b', client_secret: 'sk_b' }
  const token = await createSession(app, {}, a)
  t.equal((await getRecord(app, token, a)).json().result.organisation_id, 1001)
  t.strictSame((await getRecord(app, token, b)).json(), { status: 404, message: 'Verification not found.' })
})

t.test('2,000 sequential tenants each read their own session and none of their neighbours\'', async t => {
  const { app } = await buildTestApp(t)
  const ids = Array.from({ length: 2000 }, (_, i) => `ci-job-${i}`)
  const tokens = []
  for (const id of ids) tokens.push(await createSession(app, {}, as(id)))
  const orgs = new Set<number>()
  let wrong = 0
  for (let i = 0; i < ids.length; i++) {
    const own = await getRecord(app, tokens[i], as(ids[i]))
    if (own.statusCode !== 200) wrong++
    orgs.add(own.json().result.organisation_id)
    const neighbour = await getRecord(app, tokens[(i + 1) % ids.length], as(ids[i]))
    if (neighbour.statusCode !== 404) wrong++
  }
  t.equal(wrong, 0, 'every own read 200, every neighbour read 404')
  t.equal(orgs.size, 2000, 'each tenant its own organisation_id')
})

t.test('arms are capped per client: one client full does not stop another or arms for anyone', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 1000; i++) {
    const res = await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'loader' })
    if (res.statusCode !== 200) t.fail(`arm ${i}: ${res.body}`)
  }
  const full = await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'loader' })
  t.equal(full.statusCode, 422)
  t.strictSame(full.json(), {
    status: 422,
    message: 'At most 1000 arms wait at once for client_id "loader"; reset some first.',
    errors: { count: ['at most 1000 arms for client_id "loader"'] }
  })
  t.equal((await control(app, 'POST', '/arm', { scenario: 'expired', client_id: 'tester' })).statusCode, 200, 'another client arms')
  t.equal((await control(app, 'POST', '/arm', { scenario: 'pass' })).statusCode, 200, 'an arm for anyone')
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1002, 'the refused arm was not added')

  const token = await createSession(app, {}, as('tester'))
  t.equal((await control(app, 'GET', `/verifications/${token}`)).json().result.armed_scenario, 'expired', 'the tester got its own arm')
})

t.test('arms for anyone have a cap of their own', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 1000; i++) await control(app, 'POST', '/arm', { scenario: 'pass' })
  const full = await control(app, 'POST', '/arm', { scenario: 'pass' })
  t.equal(full.json().message, 'At most 1000 arms wait at once for any client; reset some first.')
  t.equal((await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'tester' })).statusCode, 200)
})

t.test('faults are capped per client, with a cap of their own for any caller', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 100; i++) await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: 'loader' })
  const full = await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: 'loader' })
  t.equal(full.statusCode, 422)
  t.strictSame(full.json(), {
    status: 422,
    message: 'At most 100 faults wait at once for client_id "loader"; DELETE /_sandbox/faults first.',
    errors: { count: ['At most 100 faults wait at once for client_id "loader"; DELETE /_sandbox/faults first.'] }
  })
  t.equal((await control(app, 'POST', '/faults', { route: 'get', status: 503, client_id: 'tester' })).statusCode, 200)
  t.equal((await control(app, 'POST', '/faults', { route: 'create', latency_ms: 0 })).statusCode, 200)
  t.equal((await control(app, 'GET', '/faults')).json().result.length, 102)
  const token = await createSession(app, {}, as('tester'))
  t.equal((await getRecord(app, token, as('tester'))).statusCode, 503, 'the tester\'s own fault acts')
})

t.test('past MAX_VERIFICATIONS a load test evicts its own oldest sessions, not another team\'s', async t => {
  const { app } = await buildTestApp(t, { MAX_VERIFICATIONS: '5' })
  const tester = await createSession(app, {}, as('tester'))
  const load: string[] = []
  for (let i = 0; i < 50; i++) load.push(await createSession(app, {}, as('loader')))
  t.equal((await getRecord(app, tester, as('tester'))).statusCode, 200, 'the tester\'s one session is still there')
  t.strictSame((await control(app, 'GET', '/verifications')).json().result.map((v: { token: string }) => v.token),
    [...load.slice(-4).reverse(), tester], 'the loader keeps its four newest')
  t.equal((await getRecord(app, load[0], as('loader'))).statusCode, 404)
})

t.test('eviction takes from whoever holds the most; among equals, the one that got there first', async t => {
  const { app } = await buildTestApp(t, { MAX_VERIFICATIONS: '4' })
  const a1 = await createSession(app, {}, as('a'))
  const b1 = await createSession(app, {}, as('b'))
  const a2 = await createSession(app, {}, as('a'))
  const b2 = await createSession(app, {}, as('b'))
  const c1 = await createSession(app, {}, as('c')) // a and b hold 2 each; a got there first
  const list = async () => (await control(app, 'GET', '/verifications')).json().result.map((v: { token: string }) => v.token)
  t.strictSame(await list(), [c1, b2, a2, b1])
  const c2 = await createSession(app, {}, as('c')) // b now holds the most (2)
  t.strictSame(await list(), [c2, c1, b2, a2])
  t.equal((await getRecord(app, a1, as('a'))).statusCode, 404)
})

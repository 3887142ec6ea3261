import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { MemoryState } from '../../src/state/memory.js'
import { RedisState } from '../../src/state/redis.js'
import type { SandboxState } from '../../src/state/state.js'

/**
 * The suite runs against memory by default, and against Redis when SANDBOX_TEST_REDIS_URL names
 * one (`.ci/run` starts a redis-server on a free loopback port for its Redis pass). Each sandbox a
 * test builds gets a prefix of its own, deleted when the test ends: tests never see each other.
 */
export const TEST_REDIS_URL = process.env.SANDBOX_TEST_REDIS_URL === undefined || process.env.SANDBOX_TEST_REDIS_URL === ''
  ? null
  : process.env.SANDBOX_TEST_REDIS_URL

export const BACKEND = TEST_REDIS_URL === null ? 'memory' : 'redis'

interface Teardown { teardown: (fn: () => unknown) => void }

/** Deletes every key under `prefix` (a connection of its own, closed after). */
export async function dropPrefix (url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    let n = 0
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      if (keys.length > 0) n += await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
    return n
  } finally {
    redis.disconnect()
  }
}

/** A fresh key prefix on the test Redis, dropped at the end of the test. */
export function testPrefix (t: Teardown): string {
  const prefix = `test:${randomUUID()}:`
  if (TEST_REDIS_URL !== null) t.teardown(async () => { await dropPrefix(TEST_REDIS_URL as string, prefix) })
  return prefix
}

/** The environment that points a sandbox at the suite's backend (nothing for memory). */
export function backendEnv (t: Teardown): Record<string, string> {
  return TEST_REDIS_URL === null ? {} : { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testPrefix(t) }
}

/** A state of the suite's backend, closed at the end of the test. */
export async function testState (t: Teardown): Promise<SandboxState> {
  const state = TEST_REDIS_URL === null
    ? new MemoryState()
    : await RedisState.connect({ url: TEST_REDIS_URL, prefix: testPrefix(t), keepMs: 3_600_000 })
  t.teardown(() => state.close())
  return state
}

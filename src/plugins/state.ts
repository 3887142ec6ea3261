import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { MemoryState } from '../state/memory.js'
import type { SandboxState } from '../state/state.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every piece of the sandbox's state: memory by default, Redis with REDIS_URL. */
    state: SandboxState
  }
}

export interface StateOptions {
  redisUrl: string | null
  redisPrefix: string
  /** How long Redis keeps a session, a bound secret, a waiting arm or fault untouched, in seconds. */
  keepSeconds: number
}

/** Past the longest of the link and retention, a day to read the pruned record, then Redis forgets it. */
export const KEEP_MARGIN_SECONDS = 86_400

export default fp(async function statePlugin (app: FastifyInstance, options: StateOptions) {
  // The Redis backend, and ioredis with it, loads only when REDIS_URL asks for it: a memory-mode
  // process (every test file, every mutant's run) never loads them.
  // Stryker disable ObjectLiteral,ArithmeticOperator: the connect options on the `:` line below (a next-line directive cannot reach it), killed by the Redis pass, outside the run (test/redis/exactly-once.test.ts: the options; test/redis/durability.test.ts: the keep time's unit)
  const state: SandboxState = options.redisUrl === null
    ? new MemoryState()
    : await (await import('../state/redis.js')).RedisState.connect({ url: options.redisUrl, prefix: options.redisPrefix, keepMs: options.keepSeconds * 1000 })
  // Stryker restore ObjectLiteral,ArithmeticOperator
  app.decorate('state', state)
  // Stryker disable next-line BlockStatement: killed by the Redis pass, outside the run (without the close a Redis test's process never exits)
  app.addHook('onClose', async () => { await state.close() })
}, { name: 'state' })

import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { SandboxClock } from '../domain/clock.js'

declare module 'fastify' {
  interface FastifyInstance {
    clock: SandboxClock
  }
}

export interface ClockOptions {
  /** The time source under the sandbox clock; tests pass a fake one. */
  timeSource?: () => number
}

export default fp(async function clockPlugin (app: FastifyInstance, options: ClockOptions) {
  app.decorate('clock', new SandboxClock(options.timeSource))
}, { name: 'clock' })

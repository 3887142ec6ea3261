import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import armRoutes from './sandbox/arm.js'
import clockRoutes from './sandbox/clock.js'
import faultRoutes from './sandbox/faults.js'
import requestRoutes from './sandbox/requests.js'
import scenarioRoutes from './sandbox/scenarios.js'
import stateRoutes from './sandbox/state.js'
import { lazyCompiler } from '../schema-compilers.js'
import { strictValidatorCompiler } from './sandbox/validation.js'
import verificationRoutes from './sandbox/verifications.js'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/** SANDBOX_ADMIN_TOKEN, when set, guards every /_sandbox route (X-Sandbox-Admin-Token). */
export function adminGuard (adminToken: string | null) {
  const expected = adminToken === null ? null : digest(adminToken)
  return async (request: FastifyRequest): Promise<void> => {
    if (expected === null) return
    const given = request.headers['x-sandbox-admin-token']
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) throw new ApiError('ADMIN_TOKEN_REQUIRED')
  }
}

export interface SandboxRoutesOptions {
  /** Compile each route's validator on its first request (the default) or at start-up. */
  lazySchemas?: boolean
}

/** The /_sandbox control plane: steer sessions, the clock, faults; read the journal. */
// Stryker disable next-line BooleanLiteral: app.ts always passes lazySchemas
export default async function sandboxRoutes (app: FastifyInstance, { lazySchemas = true }: SandboxRoutesOptions) {
  app.addHook('onRequest', adminGuard(app.config.adminToken))
  app.setValidatorCompiler(lazySchemas ? lazyCompiler(strictValidatorCompiler) : strictValidatorCompiler)
  await app.register(scenarioRoutes)
  await app.register(verificationRoutes)
  await app.register(armRoutes)
  await app.register(clockRoutes)
  await app.register(faultRoutes)
  await app.register(requestRoutes)
  await app.register(stateRoutes)
}

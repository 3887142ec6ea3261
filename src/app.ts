import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import { clientErrorHandler } from './client-errors.js'
import type { Config } from './config.js'
import { tokenGenerator } from './domain/tokens.js'
import armingPlugin from './plugins/arming.js'
import authPlugin from './plugins/auth.js'
import clockPlugin from './plugins/clock.js'
import flowPlugin from './plugins/flow.js'
import gracefulClosePlugin from './plugins/graceful-close.js'
import emulatedRoutePlugin from './plugins/emulated-route.js'
import faultsPlugin from './plugins/faults.js'
import journalPlugin from './plugins/journal.js'
import jsonBodyPlugin from './plugins/json-body.js'
import rateLimitPlugin from './plugins/rate-limit.js'
import errorHandlerPlugin, { sendError } from './plugins/error-handler.js'
import scenariosPlugin from './plugins/scenarios.js'
import statePlugin, { KEEP_MARGIN_SECONDS } from './plugins/state.js'
import storePlugin from './plugins/store.js'
import swaggerPlugin from './plugins/swagger.js'
import apiRoutes from './routes/api.js'
import consoleRoutes from './routes/console.js'
import healthRoutes from './routes/health.js'
import hostedRoutes from './routes/hosted.js'
import sandboxRoutes from './routes/sandbox.js'
import { lazySchemaCompilers } from './schema-compilers.js'

export interface AppDeps {
  /** The time source under the sandbox clock (tests pass a fake one). */
  timeSource?: () => number
  /**
   * Compile each route's schemas on its first use (the default: a faster start). False compiles
   * them all at start-up, as Fastify does by default, so a test can prove every schema compiles.
   */
  lazySchemas?: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export const BODY_LIMIT = 1024 * 1024

/**
 * Node's request timeouts, from REQUEST_TIMEOUT_SECONDS. Node looks for expired requests every
 * `connectionsCheckingInterval` (30 s by default), so it looks every tenth of the timeout (at most
 * every second) and the timeout is shortened by that much: a stalled request is answered within
 * the configured time, not up to 30 s after it.
 */
export function httpTimeouts (requestTimeoutSeconds: number): { checkMs: number, timeoutMs: number } {
  const checkMs = Math.min(1000, requestTimeoutSeconds * 100)
  return { checkMs, timeoutMs: requestTimeoutSeconds * 1000 - checkMs }
}

/** Builds the sandbox; never listens (server.ts does). Every call is an isolated instance. */
export async function buildApp (config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const { checkMs, timeoutMs } = httpTimeouts(config.requestTimeoutSeconds)
  const app = Fastify({
    // A client that sends part of a request and stalls gets a 408 (client-errors.ts) and is closed.
    http: { connectionsCheckingInterval: checkMs, headersTimeout: timeoutMs, requestTimeout: timeoutMs },
    requestTimeout: timeoutMs,
    clientErrorHandler,
    // On close, idle keep-alive connections go at once; in-flight requests finish, then their connection.
    forceCloseConnections: 'idle',
    // Requests arriving on an open connection while closing are answered as usual (Connection:
    // close), not with Fastify's own 503 body outside the envelope.
    return503OnClosing: false,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    // One line per request only at debug: CI logs stay readable and the hot path stays cheap.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    // Errors the router raises before any route (bad URL encoding, ...) get the envelope too.
    frameworkErrors: (err: FastifyError, request, reply) => { void sendError(reply as unknown as FastifyReply, err) },
    // No silent type coercion and no silent dropping of unknown fields: a typo is a 422, not a no-op.
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false } },
    // Each route's response schemas compiled on their first use, not all at start-up.
    ...(deps.lazySchemas === false ? {} : { schemaController: { compilersFactory: lazySchemaCompilers } })
  })
  app.decorate('config', config)
  // Past the cap, new connections are closed at once: slow sockets cannot use up the process's files.
  app.server.maxConnections = config.maxConnections

  await app.register(errorHandlerPlugin)
  await app.register(gracefulClosePlugin)
  await app.register(jsonBodyPlugin)
  await app.register(swaggerPlugin, { publicUrl: config.publicUrl })
  const keepSeconds = Math.max(config.retentionSeconds, config.tokenTtlSeconds) + KEEP_MARGIN_SECONDS
  await app.register(statePlugin, { redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, keepSeconds })
  await app.register(clockPlugin, { timeSource: deps.timeSource })
  await app.register(scenariosPlugin, { dir: config.scenariosDir, threshold: config.facePassThreshold, defaultScenario: config.defaultScenario })
  await app.register(storePlugin, {
    publicUrl: config.publicUrl,
    tokenTtlSeconds: config.tokenTtlSeconds,
    retentionSeconds: config.retentionSeconds,
    maxVerifications: config.maxVerifications,
    keepSeconds,
    newToken: tokenGenerator(config.seed)
  })
  await app.register(flowPlugin, { threshold: config.facePassThreshold, seed: config.seed })
  await app.register(armingPlugin, { defaultScenario: config.defaultScenario, threshold: config.facePassThreshold })
  // Root hooks on the emulated routes: the call's first step, which plays a fault for anyone
  // (onRequest), and the journal (onResponse). The API routes' own onRequest hook then
  // authenticates, counts the call against the rate limit and plays a client's fault.
  await app.register(faultsPlugin)
  await app.register(emulatedRoutePlugin)
  await app.register(journalPlugin)
  await app.register(authPlugin, { clients: config.clients })
  await app.register(rateLimitPlugin, { perMinute: config.rateLimitPerMinute })

  await app.register(healthRoutes)
  await app.register(apiRoutes)
  await app.register(hostedRoutes)
  await app.register(sandboxRoutes, { prefix: '/_sandbox', lazySchemas: deps.lazySchemas !== false })
  await app.register(consoleRoutes)
  return app
}

import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export const TAGS = {
  api: 'eKYC API',
  hosted: 'Hosted page',
  sandbox: 'Sandbox control plane',
  health: 'Health'
} as const

export interface SwaggerOptions {
  publicUrl: string
}

export default fp(async function swaggerPlugin (app: FastifyInstance, options: SwaggerOptions) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'MasChain eKYC sandbox',
        description: 'An offline stand-in for the MasChain eKYC API. The `eKYC API` tag is emulated byte for byte; everything under `/_sandbox` is sandbox-only.',
        version: '0.1.0'
      },
      servers: [{ url: options.publicUrl }],
      tags: [
        { name: TAGS.api, description: 'The emulated MasChain endpoints' },
        { name: TAGS.hosted, description: 'The hosted verification page the user is sent to' },
        { name: TAGS.sandbox, description: 'Sandbox only: steer sessions, the clock, faults (guarded by X-Sandbox-Admin-Token when SANDBOX_ADMIN_TOKEN is set)' },
        { name: TAGS.health, description: 'Liveness for container health checks' }
      ],
      components: {
        securitySchemes: {
          clientId: { type: 'apiKey', in: 'header', name: 'client_id' },
          clientSecret: { type: 'apiKey', in: 'header', name: 'client_secret' },
          sandboxAdmin: { type: 'apiKey', in: 'header', name: 'X-Sandbox-Admin-Token' }
        }
      }
    }
  })
  // Stryker disable ObjectLiteral,StringLiteral: @fastify/swagger-ui's routePrefix defaults to /documentation; and, for the `}, {…})` line below (a next-line directive cannot reach it), no plugin depends on 'swagger'
  await app.register(swaggerUi, { routePrefix: '/documentation' })
}, { name: 'swagger' })

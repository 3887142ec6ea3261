import type { Server } from 'node:http'

export interface MerchantOptions {
  /** https://service.maschain.com in production; the sandbox's URL in development and CI. */
  apiUrl: string
  clientId: string
  clientSecret: string
  /** How users reach the merchant (for redirect_url); default: the Host header of each request. */
  baseUrl?: string
}

/** The example merchant's HTTP server, not listening yet. */
export function createMerchantServer (options: MerchantOptions): Server

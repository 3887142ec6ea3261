// The few lines a person reads when the sandbox starts: where everything is and which settings are
// in force. The JSON logs stay as they are, for machines; this goes to stderr beside them.
import type { AddressInfo } from 'node:net'
import type { Config } from './config.js'
import { redactRedisUrl } from './state/redis-url.js'

/** The banner shows at `info` and more verbose levels, so `LOG_LEVEL=warn` (or silent) hides it. */
export function showsBanner (logLevel: string): boolean {
  return ['info', 'debug', 'trace'].includes(logLevel)
}

/** `http://127.0.0.1:3939`, `http://[::1]:3939`: the socket the server listens on. */
export function listeningUrl ({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`
}

/** The start-up banner: `address` is where it listens; links use PUBLIC_URL, the browser's base. */
export function banner (config: Config, address: string): string {
  const base = config.publicUrl
  const credentials = config.clients === null
    ? 'open: any client_id; its first client_secret is bound to it (EKYC_CLIENTS for strict)'
    : `strict: ${config.clients.length} client${config.clients.length === 1 ? '' : 's'} from EKYC_CLIENTS`
  const lines: Array<[string, string]> = [
    ['console', `${base}/`],
    ['API', `${base}/api/ekyc/verifications`],
    ['hosted page', `${base}/verifications?token=…`],
    ['API docs', `${base}/documentation`],
    ['control plane', `${base}/_sandbox${config.adminToken === null ? '' : ' (needs X-Sandbox-Admin-Token)'}`],
    ['credentials', credentials],
    ['scenario', config.defaultScenario === null ? 'none: sessions wait for the page or /_sandbox' : `${config.defaultScenario}, armed on every session it fits`],
    ['seed', config.seed === null ? 'none: tokens and identities differ each run' : JSON.stringify(config.seed)],
    ['rate limit', config.rateLimitPerMinute === null ? 'off' : `${config.rateLimitPerMinute} calls a minute per client_id`],
    ['state', config.redisUrl === null
      ? 'in memory: lost on restart (REDIS_URL to share it between replicas and keep it)'
      : `Redis at ${redactRedisUrl(config.redisUrl)}, keys under ${JSON.stringify(config.redisPrefix)}`]
  ]
  return [
    `maschain-ekyc-sandbox listening on ${address}`,
    ...lines.map(([label, value]) => `  ${`${label}:`.padEnd(15)}${value}`),
    'Ctrl+C stops it; LOG_LEVEL=warn hides this banner.',
    ''
  ].join('\n')
}

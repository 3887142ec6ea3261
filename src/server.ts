import type { AddressInfo } from 'node:net'
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { banner, listeningUrl, showsBanner } from './banner.js'
import { ConfigError, loadConfig, type Config } from './config.js'

export interface ListenOptions {
  /** Close gracefully on SIGTERM/SIGINT and exit (the process entry); false when embedded (startSandbox). */
  handleSignals?: boolean
}

/** Starts a listening sandbox; as the process entry it closes gracefully on SIGTERM/SIGINT. */
export async function listen (config: Config, { handleSignals = true }: ListenOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(config)
  const grace = handleSignals
    ? closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
      if (err !== undefined) app.log.error({ err }, 'closing after an error')
      else app.log.info({ signal }, 'closing')
      await app.close()
    })
    : undefined
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (err) {
    // Its beforeExit handler would otherwise end the process with exit code 0.
    grace?.uninstall()
    await app.close()
    throw err
  }
  return app
}

/** The process entry: configuration from the environment only; a bad value stops start-up, named. */
export async function main (env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const config = loadConfig(env)
    const app = await listen(config)
    if (showsBanner(config.logLevel)) process.stderr.write(banner(config, listeningUrl(app.server.address() as AddressInfo)))
  } catch (err) {
    const message = err instanceof ConfigError ? `configuration error: ${err.message}` : `start-up failed: ${(err as Error).message}`
    process.stderr.write(`maschain-ekyc-sandbox: ${message}\n`)
    process.exitCode = 1
  }
}

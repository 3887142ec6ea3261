import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'

export interface ListenOptions {
  /** Close gracefully on SIGTERM/SIGINT and exit (the process entry); false when embedded (startSandbox). */
  handleSignals?: boolean
}

/** Starts a listening sandbox; as the process entry it closes gracefully on SIGTERM/SIGINT. */
export async function listen (config: Config, { handleSignals = true }: ListenOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(config)
  const graceSeconds = config.shutdownGraceSeconds
  // Exits 0 as soon as the last in-flight request is answered (idle connections close at once),
  // well inside `docker stop`'s 10 s; past SHUTDOWN_GRACE_SECONDS it cuts them off and exits 1.
  const grace = handleSignals
    ? closeWithGrace({
      delay: graceSeconds * 1000,
      onTimeout: () => app.log.error(`requests still running after the ${graceSeconds} s grace period (SHUTDOWN_GRACE_SECONDS) were cut off; exiting with code 1`)
    }, async ({ signal, err }) => {
      if (err !== undefined) app.log.error({ err }, 'closing after an error')
      else app.log.info({ signal }, 'closing: no new connections; requests in flight finish first')
      await app.close()
      if (err === undefined) app.log.info('closed: every request answered; exiting with code 0')
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
    await listen(loadConfig(env))
  } catch (err) {
    const message = err instanceof ConfigError ? `configuration error: ${err.message}` : `start-up failed: ${(err as Error).message}`
    process.stderr.write(`maschain-ekyc-sandbox: ${message}\n`)
    process.exitCode = 1
  }
}

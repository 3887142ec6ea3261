import { createServer, type AddressInfo } from 'node:net'
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

/**
 * Listens on `port`, or on a free port when it is 0 with a config made for the port it got: the
 * app must know its real port before it is built (result.url, PUBLIC_URL's default), so a free
 * port is found first; another process can take it in between, hence the retries.
 */
export async function listenOnPort (port: number, host: string, configFor: (port: number) => Config, options: ListenOptions = {}): Promise<FastifyInstance> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port === 0 ? await freePort(host) : port
    try {
      return await listen(configFor(chosen), options)
    } catch (err) {
      if (port !== 0 || attempt >= 5 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    }
  }
}

export async function freePort (host: string): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/**
 * The process entry: configuration from the environment only; a bad value stops start-up, named.
 * `onConfigError` lets the command line name its flag instead (and exit 2).
 */
export async function main (env: NodeJS.ProcessEnv = process.env, onConfigError?: (err: ConfigError) => void): Promise<void> {
  try {
    const config = loadConfig(env)
    // PORT=0 without PUBLIC_URL: the links follow the port actually bound, not "localhost:0".
    const follow = config.port === 0 && (env.PUBLIC_URL ?? '').trim() === ''
    const app = await listenOnPort(config.port, config.host, port => follow ? loadConfig({ ...env, PORT: String(port) }) : config)
    if (showsBanner(app.config.logLevel)) process.stderr.write(banner(app.config, listeningUrl(app.server.address() as AddressInfo)))
  } catch (err) {
    if (err instanceof ConfigError) onConfigError?.(err)
    const message = err instanceof ConfigError ? `configuration error: ${err.message}` : `start-up failed: ${(err as Error).message}`
    process.stderr.write(`maschain-ekyc-sandbox: ${message}\n`)
    process.exitCode = 1
  }
}

// Helpers for the shipping tests: the built CLI as a child process, free ports, polling.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

/** The shipping tests exercise the built package; `npm test` builds it first (pretest). */
export function assertBuilt (): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it)`)
}

/** Signals a child started with `detached: true` and everything it started (its process group). */
export function killGroup (child: ChildProcess, signal: NodeJS.Signals): void {
  // Never process.kill(-0): that would signal this test's own process group, the runner included.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {}
}

export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve) })
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

export interface CliRun {
  child: ChildProcess
  /** Everything written so far. */
  output: () => { stdout: string, stderr: string }
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

/**
 * Starts `command args` with its output collected. `detached` gives it its own process group, so
 * killGroup stops npm or npx together with the node they start.
 */
export function runProcess (command: string, args: string[], options: { cwd: string, env: Record<string, string>, detached?: boolean }): CliRun {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => {
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  return { child, output: () => ({ stdout, stderr }), exited }
}

/** Starts `node dist/cli.js ...args` with only PATH and `env` in its environment. */
export function runCli (args: string[], env: Record<string, string> = {}): CliRun {
  return runProcess(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } })
}

/** Polls GET url until it answers 2xx; fails with the process output if it exits or times out. */
export async function waitForHealth (url: string, run: CliRun, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void run.exited.then(() => { exited = true })
  for (;;) {
    try {
      const res = await fetch(url)
      if (res.ok) return res
    } catch {}
    if (exited || Date.now() > deadline) {
      throw new Error(`${url} did not answer (${exited ? 'the process exited' : 'timed out'}): ${JSON.stringify(run.output())}`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

// Raw-socket helpers: HTTP as a broken or slow client writes it.
import { connect, type Socket } from 'node:net'

export interface RawAnswer {
  /** Everything the server wrote before it closed the connection. */
  text: string
  status: number | null
  headers: Record<string, string>
  body: string
  /** How long after the last write the connection closed. */
  closedAfterMs: number
}

export function parseAnswer (text: string): Omit<RawAnswer, 'text' | 'closedAfterMs'> {
  const [head, ...rest] = text.split('\r\n\r\n')
  const [statusLine, ...lines] = head.split('\r\n')
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim()
  }
  return { status: status === undefined ? null : Number(status), headers, body: rest.join('\r\n\r\n') }
}

export async function open (port: number): Promise<Socket> {
  return await new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Writes `chunks` (then nothing more) and collects what comes back until the server closes. */
export async function raw (port: number, ...chunks: Array<string | Buffer>): Promise<RawAnswer> {
  const socket = connect(port, '127.0.0.1')
  socket.setEncoding('latin1')
  let text = ''
  socket.on('data', (chunk: string) => { text += chunk })
  socket.on('error', () => {})
  // Listening from the start: a refused connection can close before it would be awaited.
  const closed = new Promise<void>(resolve => socket.once('close', () => resolve()))
  await Promise.race([new Promise(resolve => socket.once('connect', resolve)), closed])
  for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk)
  const wrote = Date.now()
  await closed
  return { text, ...parseAnswer(text), closedAfterMs: Date.now() - wrote }
}

import { isoString } from './iso-time.js'

/** The one clock behind created_at, expire_at, retention and the page's countdown. Epoch ms. */
export interface Clock {
  now: () => number
}

/**
 * A clock that follows a time source (the system clock by default) plus an offset the control
 * plane can move. Records keep whole seconds, as the real API's `.000Z` timestamps show.
 */
export class SandboxClock implements Clock {
  #offset = 0
  constructor (private readonly source: () => number = Date.now) {}

  now (): number {
    return Math.floor((this.source() + this.#offset) / 1000) * 1000
  }

  get offsetMs (): number {
    return this.#offset
  }

  advance (seconds: number): void {
    this.#offset += seconds * 1000
  }

  set (epochMs: number): void {
    this.#offset = epochMs - this.source()
  }

  reset (): void {
    this.#offset = 0
  }

  /** Takes the offset kept in the shared state (another replica may have moved the clock). */
  adopt (offsetMs: number): void {
    this.#offset = offsetMs
  }
}

/** The wire format: whole seconds in UTC with a `.000Z` suffix. */
export function toTimestamp (epochMs: number): string {
  return isoString(Math.floor(epochMs / 1000) * 1000)
}

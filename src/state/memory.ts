import { FairEviction } from '../domain/fair-eviction.js'
import { ScopedQueues } from '../domain/scoped-queues.js'
import type { Verification } from '../domain/verification.js'
import { JournalRing } from './journal-ring.js'
import type { ArmChoice, CallQuestion, CallStart, Fault, JournalEntry, RouteName, SandboxState, SessionDraft, StoredArm } from './state.js'

/** Past this many bound client_ids the oldest binding is forgotten (its next secret binds again). */
export const MAX_BINDINGS = 100_000

/**
 * The default state: one process's memory, nothing to set up. Sessions are bounded by
 * MAX_VERIFICATIONS with FairEviction (the oldest session of the client holding the most goes).
 */
export class MemoryState implements SandboxState {
  readonly backend = 'memory'
  readonly #sessions = new Map<string, Verification>()
  readonly #eviction = new FairEviction()
  #lastId = 0
  readonly #arms = new ScopedQueues<StoredArm>(Infinity)
  readonly #faults = new ScopedQueues<Fault>(Infinity)
  readonly #journal = new JournalRing()
  readonly #secrets = new Map<string, string>()
  #clockOffset = 0

  begin (call: CallQuestion): CallStart {
    return {
      clockOffsetMs: this.#clockOffset,
      anyFaults: this.#faults.count(null) > 0,
      clientFaults: call.clientId !== null && this.#faults.count(call.clientId) > 0,
      arms: this.#arms.size > 0,
      secret: call.clientId !== null && call.secret !== null ? this.#bind(call.clientId, call.secret) : null,
      session: call.token === null ? undefined : this.#sessions.get(call.token)
    }
  }

  #bind (clientId: string, secret: string): CallStart['secret'] {
    const bound = this.#secrets.get(clientId)
    if (bound !== undefined) return bound === secret ? 'same' : 'differs'
    this.#secrets.set(clientId, secret)
    if (this.#secrets.size > MAX_BINDINGS) this.#secrets.delete(this.#secrets.keys().next().value as string)
    return 'bound'
  }

  async clockOffset (): Promise<number> {
    return this.#clockOffset
  }

  async setClockOffset (ms: number): Promise<void> {
    this.#clockOffset = ms
  }

  async shiftClockOffset (ms: number): Promise<number> {
    this.#clockOffset += ms
    return this.#clockOffset
  }

  createSession (draft: SessionDraft, choice: ArmChoice): Verification | 'taken' {
    if (this.#sessions.has(draft.token)) return 'taken'
    let armed = choice.armed
    if (choice.takeArm && this.#arms.size > 0) {
      const arm = this.#arms.oldest([draft.clientId, null], a => a.fits.includes(choice.kind))
      if (arm !== undefined) {
        armed = arm.scenario
        if (--arm.remaining === 0) this.#arms.remove(arm.clientId, arm)
      }
    }
    // The draft is the caller's own fresh object: kept as the session itself, not copied.
    const v = draft as Verification
    v.id = ++this.#lastId
    v.armed = armed
    this.#sessions.set(v.token, v)
    this.#eviction.add(v.clientId, v.token)
    while (this.#sessions.size > choice.maxVerifications) this.#sessions.delete(this.#eviction.takeVictim() as string)
    return v
  }

  async session (token: string): Promise<Verification | undefined> {
    return this.#sessions.get(token)
  }

  async replaceSession (prev: Verification, next: Verification): Promise<boolean> {
    if (this.#sessions.get(prev.token) !== prev) return false
    this.#sessions.set(next.token, next)
    return true
  }

  async sessions (clientId: string | undefined, limit: number): Promise<Verification[]> {
    const found: Verification[] = []
    const all = [...this.#sessions.values()]
    for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
      if (clientId === undefined || all[i].clientId === clientId) found.push(all[i])
    }
    return found
  }

  async sessionCount (): Promise<number> {
    return this.#sessions.size
  }

  async clearSessions (clientId?: string): Promise<number> {
    if (clientId === undefined) {
      const n = this.#sessions.size
      this.#sessions.clear()
      this.#eviction.clear()
      return n
    }
    let n = 0
    for (const [token, v] of this.#sessions) {
      if (v.clientId === clientId) { this.#sessions.delete(token); n++ }
    }
    this.#eviction.removeClient(clientId)
    return n
  }

  async pushArm (arm: StoredArm, cap: number): Promise<boolean> {
    if (this.#arms.count(arm.clientId) >= cap) return false
    this.#arms.push(arm.clientId, { ...arm })
    return true
  }

  async arms (): Promise<StoredArm[]> {
    return this.#arms.all().map(arm => ({ ...arm }))
  }

  async clearArms (clientId?: string): Promise<number> {
    return this.#arms.clear(clientId)
  }

  async pushFault (fault: Fault, cap: number): Promise<boolean> {
    if (this.#faults.count(fault.clientId) >= cap) return false
    this.#faults.push(fault.clientId, { ...fault })
    return true
  }

  async faults (): Promise<Fault[]> {
    return this.#faults.all().map(fault => ({ ...fault }))
  }

  async takeFault (route: RouteName, clientId: string | null): Promise<Fault | undefined> {
    const fault = this.#faults.oldest([clientId], f => f.route === route)
    if (fault === undefined) return undefined
    if (--fault.remaining === 0) this.#faults.remove(clientId, fault)
    return { ...fault }
  }

  async clearFaults (clientId?: string): Promise<number> {
    return this.#faults.clear(clientId)
  }

  record (entry: JournalEntry): void {
    this.#journal.add(entry)
  }

  async journal (clientId: string | undefined, limit: number): Promise<JournalEntry[]> {
    return this.#journal.list(clientId, limit)
  }

  async clearJournal (clientId?: string): Promise<number> {
    return this.#journal.clear(clientId)
  }

  async forgetSecrets (clientId?: string): Promise<number> {
    if (clientId !== undefined) return this.#secrets.delete(clientId) ? 1 : 0
    const n = this.#secrets.size
    this.#secrets.clear()
    return n
  }

  async healthy (): Promise<boolean> {
    return true
  }

  async close (): Promise<void> {}
}

import type { Verification } from '../domain/verification.js'
import type { Scenario } from '../schemas/scenario.js'

/**
 * Every piece of state the sandbox keeps, behind one interface with two implementations: memory
 * (the default, one process) and Redis (REDIS_URL: any number of replicas are one sandbox and a
 * restart loses nothing). Each method is one atomic step: in Redis one Lua script or one command,
 * so two replicas never interleave a read and a write. Plugins and routes see only this; the
 * domain stays pure and never sees it.
 */
export interface SandboxState {
  readonly backend: 'memory' | 'redis'

  /**
   * One round trip at the start of each emulated call: all it needs to know before its hooks run.
   * A backend that knows at once (memory) answers without a promise, which keeps its hot path
   * as cheap as before the state had an interface.
   */
  begin: (call: CallQuestion) => CallStart | Promise<CallStart>

  clockOffset: () => Promise<number>
  setClockOffset: (ms: number) => Promise<void>
  /** Moves the offset by `ms` in one step (concurrent advances add up); returns the new offset. */
  shiftClockOffset: (ms: number) => Promise<number>

  /**
   * Stores a new session in one step: takes its id, the oldest arm it fits (when `takeArm`, else
   * `armed` as given), and evicts past `maxVerifications`. 'taken' when the token is in use.
   * The draft is the caller's fresh object: a backend may keep it as the session. Memory answers
   * at once (no promise on every create).
   */
  createSession: (draft: SessionDraft, choice: ArmChoice) => Verification | 'taken' | Promise<Verification | 'taken'>
  session: (token: string) => Promise<Verification | undefined>
  /** Replaces `prev` by `next` only if `prev` is still the stored version; false when it is not. */
  replaceSession: (prev: Verification, next: Verification) => Promise<boolean>
  /** Newest first, at most `limit` (every client's when clientId is undefined). */
  sessions: (clientId: string | undefined, limit: number) => Promise<Verification[]>
  sessionCount: () => Promise<number>
  clearSessions: (clientId?: string) => Promise<number>

  /** False when the scope already holds `cap` arms. */
  pushArm: (arm: StoredArm, cap: number) => Promise<boolean>
  arms: () => Promise<StoredArm[]>
  clearArms: (clientId?: string) => Promise<number>

  pushFault: (fault: Fault, cap: number) => Promise<boolean>
  faults: () => Promise<Fault[]>
  /** Takes one use of the oldest fault of this scope on this route. */
  takeFault: (route: RouteName, clientId: string | null) => Promise<Fault | undefined>
  clearFaults: (clientId?: string) => Promise<number>

  /** Adds a journal entry; memory answers at once (no promise on every call). */
  record: (entry: JournalEntry) => void | Promise<void>
  journal: (clientId: string | undefined, limit: number) => Promise<JournalEntry[]>
  clearJournal: (clientId?: string) => Promise<number>

  /** Open mode: forgets bound secrets (one client's, or all); returns how many. */
  forgetSecrets: (clientId?: string) => Promise<number>

  /** Whether the state can be read and written now (/health). */
  healthy: () => Promise<boolean>
  close: () => Promise<void>
}

export type RouteName = 'create' | 'get' | 'page'

export interface CallQuestion {
  route: RouteName
  /** The client_id header as sent (API calls). */
  clientId: string | null
  /** Open mode: the client_secret to compare with (or bind to) the one first used by clientId. */
  secret: string | null
  /** A session to read in the same step (the GET's token). */
  token: string | null
}

export interface CallStart {
  clockOffsetMs: number
  /** Whether faults wait for any caller, or for this client: the hooks look further only then. */
  anyFaults: boolean
  clientFaults: boolean
  /** Whether arms wait that a create by this client could take. */
  arms: boolean
  /** Open mode: 'bound' (first use, now bound), 'same' or 'differs'; null when not asked. */
  secret: 'bound' | 'same' | 'differs' | null
  session: Verification | undefined
}

/** A new session before the state gives it its id and its armed scenario. */
export type SessionDraft = Omit<Verification, 'id' | 'armed'>

export interface ArmChoice {
  /** Take the oldest waiting arm that fits `kind` (the client's own or one for anyone). */
  takeArm: boolean
  /** The scenario when no arm is taken (the header's, or DEFAULT_SCENARIO, or null). */
  armed: Scenario | null
  /** `${type}/${idType}` of the session. */
  kind: string
  maxVerifications: number
  /** How long the backend may keep the session (Redis key TTL), in ms. */
  keepMs: number
}

export interface StoredArm {
  scenario: Scenario
  /** Only sessions of this client; any client when null. */
  clientId: string | null
  remaining: number
  /** The session kinds (`00/ID_CARD`, ...) the scenario fits, decided when it was armed. */
  fits: string[]
}

export interface Fault {
  route: RouteName
  status: number | null
  latencyMs: number | null
  /** Only calls authenticated as this client; any caller when null. */
  clientId: string | null
  remaining: number
}

export interface JournalEntry {
  time: number
  method: string
  path: string
  route: RouteName
  clientId: string | null
  status: number
  token: string | null
  durationMs: number
  /** Why the sandbox answered as it did, when the answer does not say (a 401's reason). */
  note: string | null
}

export const MAX_JOURNAL = 200

/** The state is unreachable: emulated calls answer 503 in the envelope, /health 503. */
export class StateUnavailableError extends Error {
  constructor (cause: unknown) {
    super(`the sandbox's state (Redis) is unavailable: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'StateUnavailableError'
  }
}

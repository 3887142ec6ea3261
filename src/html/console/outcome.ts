import type { SessionView } from '../../routes/console/control-plane.js'

export const OUTCOMES = ['open', 'passed', 'failed', 'expired'] as const
export type Outcome = typeof OUTCOMES[number]

/** Where a session stands, in one word: a finished session keeps its outcome after expire_at. */
export function outcomeOf (v: SessionView): Outcome {
  if (v.finished) return v.record.is_success === 1 ? 'passed' : 'failed'
  return v.expired ? 'expired' : 'open'
}

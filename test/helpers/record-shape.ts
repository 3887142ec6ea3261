// The record's flags are the integers 0 and 1 and its retry counters small integers, never
// booleans or strings: merchants test `is_success === 1`. Shared by every place the suite reads
// an emulated GET, so a boolean sneaking in fails whichever test sees it first.
const FLAGS = ['ocr_success', 'ocr_charged', 'face_id_success', 'face_id_charged', 'is_success'] as const
const COUNTERS = [['retries', 2], ['face_retries', 1]] as const

/** Throws naming the field when a flag is not 0/1 or a counter not an integer in its range. */
export function assertRecordTypes (record: Record<string, unknown>, where = 'record'): void {
  for (const key of FLAGS) {
    const value = record[key]
    if (value !== 0 && value !== 1) throw new Error(`${where}: ${key} is ${JSON.stringify(value)}, not the integer 0 or 1`)
  }
  for (const [key, max] of COUNTERS) {
    const value = record[key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`${where}: ${key} is ${JSON.stringify(value)}, not an integer from 0 to ${max}`)
    }
  }
}

// Calendar arithmetic in UTC on `YYYY-MM-DD` strings. UTC, because the sandbox clock is an epoch and
// a birth date must not shift by a day with the host's time zone.
import type { Faker } from '@faker-js/faker'
import { DAY_MS, isoString } from '../iso-time.js'
import type { IsoDate } from './types.js'

/** Today's date on the sandbox clock. */
export function isoDay (epochMs: number): IsoDate {
  return isoString(epochMs).slice(0, 10)
}

/** Midnight UTC of a date, from its numbers: a new identity does this a few times, and parsing text cost more than the rest of its dates. */
function toMs (date: IsoDate): number {
  // setUTCFullYear, not Date.UTC, which reads the years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

export function addDays (date: IsoDate, days: number): IsoDate {
  return isoDay(toMs(date) + days * DAY_MS)
}

/** Same day and month `years` later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears (date: IsoDate, years: number): IsoDate {
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const year = Number(date.slice(0, 4)) + years
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${pad2(m)}-${pad2(Math.min(d, lastDay))}`
}

/** A uniformly chosen day in [from, to], both inclusive. */
export function dayBetween (faker: Faker, from: IsoDate, to: IsoDate): IsoDate {
  const span = Math.round((toMs(to) - toMs(from)) / DAY_MS)
  if (span < 0) throw new RangeError(`empty date range ${from}..${to}`)
  return addDays(from, faker.number.int({ min: 0, max: span }))
}

/** `YYYYMMDD`: the passport result's dates. */
export function yyyymmdd (date: IsoDate): string {
  return date.replaceAll('-', '')
}

/** `YYMMDD`: MyKad numbers and MRZ dates. */
export function yymmdd (date: IsoDate): string {
  return yyyymmdd(date).slice(2)
}

/** `DD/MM/YYYY`: the ID card result's Birthday. */
export function ddmmyyyy (date: IsoDate): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

function pad2 (n: number): string {
  return String(n).padStart(2, '0')
}

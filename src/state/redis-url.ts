/** Why a REDIS_URL cannot be used, or null when it can: redis:// or rediss://, a host, a port, a database number. */
export function redisUrlProblem (text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'is not a URL (expected redis://[:password@]host[:port][/db] or rediss://...)'
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `must start with redis:// or rediss://, got "${url.protocol}//"`
  if (url.hostname === '') return 'has no host'
  // Stryker disable next-line Regex: it removes the first slash, and a pathname's first slash is its leading one
  const db = url.pathname.replace(/^\//, '')
  if (db !== '' && !/^\d{1,5}$/.test(db)) return `database must be a number (redis://host:6379/0), got "/${db}"`
  return null
}

/** The URL as it may be shown: the password replaced by `***`. */
export function redactRedisUrl (text: string): string {
  try {
    const url = new URL(text)
    if (url.password !== '') url.password = '***'
    return url.href
  } catch {
    return '(unparseable URL)'
  }
}

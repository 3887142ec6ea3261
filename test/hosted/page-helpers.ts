import type { FastifyInstance } from 'fastify'

/** The merchant's redirect_url of VALID_BODY with is_success added: query and fragment kept. */
export function merchantReturn (isSuccess: 0 | 1): string {
  return `https://merchant.example/ekyc/return?order=42&is_success=${isSuccess}#done`
}

export async function openPage (app: FastifyInstance, token: string, extraQuery = '') {
  return app.inject({ method: 'GET', url: `/verifications?token=${encodeURIComponent(token)}${extraQuery}` })
}

/** A form post as a browser sends it (pairs for a field sent more than once, as ticked checkboxes are). */
export async function submit (app: FastifyInstance, token: string, fields: Record<string, string> | Array<[string, string]>) {
  return app.inject({
    method: 'POST',
    url: `/verifications?token=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString()
  })
}

/** The value of the hidden `at` field of the page's forms (the state they were rendered for). */
export function formStamp (body: string): string {
  const match = /name="at" value="([^"]*)"/.exec(body)
  if (match === null) throw new Error('no form on the page')
  return match[1]
}

export const pageHref = (token: string): string => `?token=${token}`

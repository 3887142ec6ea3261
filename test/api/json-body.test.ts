import t from 'tap'
import { buildTestApp, CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { control } from '../sandbox/control.js'

const json = { ...CREDENTIALS, 'content-type': 'application/json' }
const PROTO = 'The key __proto__ is not allowed in a JSON body.'
const CONSTRUCTOR = 'The key constructor holding a prototype key is not allowed in a JSON body.'

t.test('a __proto__ or constructor.prototype key is refused with a 400 that says so, on every JSON route, and nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  const valid = JSON.stringify(VALID_BODY).slice(1, -1)
  const cases: Array<[string, string]> = [
    [`{${valid},"__proto__":{"x":1}}`, PROTO],
    ['{"__proto__":1}', PROTO],
    [`{${valid},"nested":{"a":[{"__proto__":null}]}}`, PROTO],
    [`{${valid},"\\u005f_proto__":{}}`, PROTO],
    [`{${valid},"constructor":{"prototype":{"x":1}}}`, CONSTRUCTOR],
    // A null and a number beside it: the search for __proto__ steps over values that are not objects.
    [`{${valid},"note":null,"n":1,"constructor":{"prototype":{"x":1}}}`, CONSTRUCTOR]
  ]
  for (const [body, message] of cases) {
    for (const url of ['/api/ekyc/verifications', '/_sandbox/arm', '/_sandbox/faults']) {
      const res = await app.inject({ method: 'POST', url, headers: json, payload: body })
      t.equal(res.statusCode, 400, `${url} ${body.slice(-30)}`)
      t.strictSame(res.json(), { status: 400, message }, `${url} says what is wrong`)
    }
  }
  t.strictSame((await control(app, 'GET', '/verifications')).json().result, [], 'no session was created')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'no arm')
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [], 'no fault')
})

t.test('JSON that is really broken still says it is not valid JSON', async t => {
  const { app } = await buildTestApp(t)
  for (const body of ['{', '{"__proto__":', '{"type":"00",}']) {
    const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: json, payload: body })
    t.strictSame(res.json(), { status: 400, message: 'The request body is not valid JSON.' }, body)
  }
  const empty = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: json, payload: '' })
  t.strictSame(empty.json(), { status: 400, message: 'The request body is empty: send a JSON object.' })
})

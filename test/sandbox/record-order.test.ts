import t from 'tap'
import { buildTestApp, createSession, RECORD_KEYS } from '../helpers/app.js'
import { control } from './control.js'

// The emulated GET is serialised by hand; the control plane's record follows the TypeBox schema.
// Both must keep the real field order, so a schema edit cannot reorder the sandbox's view.
t.test('the sandbox view\'s record keeps the 24 fields in the real order on every route that shows it', async t => {
  const { app } = await buildTestApp(t)
  const fresh = await createSession(app)
  const done = await createSession(app)
  const gone = await createSession(app)
  const answers = {
    view: await control(app, 'GET', `/verifications/${fresh}`),
    complete: await control(app, 'POST', `/verifications/${done}/complete`, { scenario: 'pass' }),
    expire: await control(app, 'POST', `/verifications/${gone}/expire`)
  }
  for (const [route, res] of Object.entries(answers)) {
    t.equal(res.statusCode, 200, route)
    t.strictSame(Object.keys(res.json().result.record), RECORD_KEYS, route)
  }
  const list = (await control(app, 'GET', '/verifications')).json().result as Array<{ record: object }>
  t.equal(list.length, 3)
  for (const item of list) t.strictSame(Object.keys(item.record), RECORD_KEYS, 'list item')
})

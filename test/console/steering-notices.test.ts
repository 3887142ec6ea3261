import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, testId } from './helpers.js'

t.test('after each steering action the page it lands on says what was done', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const actions: Array<[string, Record<string, string>, string]> = [
    ['arm', { scenario: 'pass', client_id: '', count: '1' }, 'Armed.'],
    ['cancel-arms', { client_id: '' }, 'Arms cancelled.'],
    ['fault', { route: 'get', status: '503', latency_ms: '', count: '1', client_id: '' }, 'Fault added.'],
    ['clear-faults', { client_id: '' }, 'Faults cleared.'],
    ['clock-advance', { advance_seconds: '60' }, 'Clock moved.'],
    ['clock-set', { set: '2030-01-01T00:00:00Z' }, 'Clock set.'],
    ['clock-reset', {}, 'Clock back to real time.'],
    ['reset', { client_id: '', confirm: 'yes' }, 'Reset done.']
  ]
  for (const [form, fields, notice] of actions) {
    const done = await c.post('/console/steering', `/console/steering/${form}`, fields)
    t.equal(done.statusCode, 303, form)
    const page = await c.get(done.headers.location as string)
    t.equal(page.statusCode, 200, form)
    t.equal(testId(page.body, 'notice'), notice, form)
  }
})

t.test('a done= that names no action shows no notice', async t => {
  const { app } = await buildTestApp(t)
  for (const done of ['constructor', 'toString', '__proto__', 'nothing']) {
    const page = await consoleClient(app).get(`/console/steering?done=${done}`)
    t.equal(page.statusCode, 200, done)
    t.notMatch(page.body, 'data-testid="notice"', done)
  }
})

t.test('clearing one client\'s faults leaves the other faults', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  await control(app, 'POST', '/faults', { route: 'get', status: 503, client_id: 'qa' })
  await control(app, 'POST', '/faults', { route: 'create', status: 500, client_id: 'shop' })
  t.equal((await c.post('/console/steering', '/console/steering/clear-faults', { client_id: 'qa' })).statusCode, 303)
  t.strictSame((await control(app, 'GET', '/faults')).json().result.map((f: { client_id: string }) => f.client_id), ['shop'])
})

t.test('a form posted without one of its fields is refused as if the field were empty', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const arm = await c.post('/console/steering', '/console/steering/arm', { count: '1' })
  t.equal(arm.statusCode, 422)
  t.equal(testId(arm.body, 'error-scenario'), 'scenario must not have fewer than 1 characters')
  const fault = await c.post('/console/steering', '/console/steering/fault', { status: '500' })
  t.equal(fault.statusCode, 422)
  t.equal(testId(fault.body, 'error-route'), 'route must be one of the allowed values (got "")')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [])
})

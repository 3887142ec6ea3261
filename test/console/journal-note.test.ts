import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, VALID_BODY } from '../helpers/app.js'
import { consoleClient, testId } from './helpers.js'

t.test('the journal page says why a call was refused, where the 401 itself does not', async t => {
  const { app } = await buildTestApp(t)
  await createSession(app)
  const refused = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { ...CREDENTIALS, client_secret: 'not-the-first' }, payload: VALID_BODY })
  t.strictSame(refused.json(), { status: 401, message: 'Unauthenticated.' }, 'the merchant gets only what production says')
  const page = await consoleClient(app).get('/console/journal')
  t.equal(page.statusCode, 200)
  t.equal(testId(page.body, 'journal-note'), 'secret differs from the one first used')
  t.equal(page.body.split('data-testid="journal-note"').length, 2, 'the create that worked has no note')
})

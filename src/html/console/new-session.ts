import { PASSPORT_COUNTRY_LIST } from '../../domain/documents.js'
import { html, type SafeHtml } from '../escape.js'
import { formError, textField, selectField, type FormState } from './fields.js'
import { formToken, type PageContext } from './layout.js'

export const NEW_SESSION_PATH = '/console/sessions'

/** The create request's fields; a session starts exactly as a merchant's POST would start it. */
export function newSessionForm (ctx: PageContext, state: FormState, strictMode: boolean): SafeHtml {
  const f = { form: 'new-session', state }
  return html`<section aria-labelledby="new-session-heading">
<h2 id="new-session-heading">Start a test session</h2>
<p class="hint">Creates a session through <code>POST /api/ekyc/verifications</code>, as a merchant's backend would, then shows its link.</p>
<form method="post" action="${NEW_SESSION_PATH}" data-testid="new-session">
${formToken(ctx, NEW_SESSION_PATH)}
${formError(state, 'new-session-error')}
${textField({ ...f, name: 'client_id', label: 'client_id', initial: 'qa', hint: strictMode ? 'Strict mode: the console sends the secret EKYC_CLIENTS lists for this client_id.' : 'Open mode: the console sends the secret "qa-console" for every client_id (a client_id first used with another secret answers 401).' })}
${selectField({ ...f, name: 'type', label: 'type', initial: '00', options: [['00', '00: document + face + liveness'], ['01', '01: document only (OCR)']] })}
${selectField({ ...f, name: 'id_type', label: 'id_type', initial: 'ID_CARD', options: [['ID_CARD', 'ID_CARD: Malaysian identity card'], ['PASSPORT', 'PASSPORT']] })}
${textField({ ...f, name: 'id_country', label: 'id_country', initial: 'MYS', hint: `ID_CARD: MYS. PASSPORT: ${PASSPORT_COUNTRY_LIST.join(', ')}.` })}
${textField({ ...f, name: 'redirect_url', label: 'redirect_url', type: 'url', placeholder: 'empty: the stand-in merchant', hint: 'Leave empty to come back to the stand-in merchant, which shows the is_success it received and the record its backend reads.' })}
${textField({ ...f, name: 'wallet_address', label: 'wallet_address (optional)' })}
<div class="actions"><button type="submit" class="primary" data-testid="create-session">Create session</button></div>
</form>
</section>`
}

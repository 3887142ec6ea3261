import { TAGS } from '../../plugins/swagger.js'

/** What every control-plane route says about itself in the OpenAPI document. */
export const SANDBOX_DOCS = {
  tags: [TAGS.sandbox],
  security: [{ sandboxAdmin: [] }]
}

import { TAGS } from '../../plugins/swagger.js'
import { NoQuery } from '../../schemas/sandbox.js'

/**
 * What every control-plane route says about itself in the OpenAPI document, and its query: none
 * unless the route names its own `querystring` after this spread (any parameter is then a 422).
 */
export const SANDBOX_DOCS = {
  tags: [TAGS.sandbox],
  security: [{ sandboxAdmin: [] }],
  querystring: NoQuery
}

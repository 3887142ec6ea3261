import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'

type Issue = FastifySchemaValidationError

// Stryker disable next-line Regex: an instancePath is empty or starts with its one leading `/`, so `^` changes nothing
const dotted = (instancePath: string): string => instancePath.replace(/^\//, '').replace(/\//g, '.')

/**
 * TypeBox's errors in the form the root error handler names fields from. Unknown fields are
 * rejected, where Fastify's default (ajv with removeAdditional) would drop them silently: a typo
 * such as `{"secnario": "pass"}` must not complete a session as an empty inline scenario.
 */
export function namedIssues (issues: readonly Issue[], data?: unknown): Issue[] {
  const named: Issue[] = []
  for (const issue of issues) {
    if (issue.keyword === 'required') {
      const parent = dotted(issue.instancePath)
      // Stryker disable next-line ArrayDeclaration: TypeBox's `required` error always carries requiredProperties
      for (const name of (issue.params as { requiredProperties?: string[] }).requiredProperties ?? []) {
        // Stryker disable LogicalOperator: the `else if` below (a next-line directive cannot sit above it): in TypeBox 1.4 (en_US) each half implies the other
        named.push({ ...issue, params: { missingProperty: parent === '' ? name : `${parent}.${name}` } })
      }
    } else if (issue.keyword === 'boolean' && issue.message === 'schema is false') {
      // Stryker restore LogicalOperator
      // additionalProperties: false, reported at the unknown field itself.
      named.push({ ...issue, message: 'is not a known field' })
    } else if (issue.keyword === 'enum' && data !== undefined) {
      // Name the value: "FailedOperation.Nope is not a known value" tells which code was wrong.
      const bad = valueAt(data, issue.instancePath)
      named.push({ ...issue, message: `must be one of the allowed values (got ${shown(bad)})` })
    } else if (issue.keyword === 'const') {
      named.push({ ...issue, message: `must be ${JSON.stringify((issue.params as { allowedValue?: unknown }).allowedValue)}` })
    } else if (issue.keyword !== 'additionalProperties') {
      named.push(issue)
    }
  }
  // A union (a code, a list or a per-kind object) reports every branch; the named value says it.
  const enumPaths = new Set(named.filter(i => i.keyword === 'enum').map(i => i.instancePath))
  return named.filter(i => !(enumPaths.has(i.instancePath) && (i.keyword === 'anyOf' || i.keyword === 'type')))
}

function valueAt (data: unknown, instancePath: string): unknown {
  let value = data
  // Stryker disable next-line OptionalChaining: the path is one TypeBox found a value at, so no step is null or undefined
  for (const key of instancePath.split('/').slice(1)) value = (value as Record<string, unknown> | null | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')]
  return value
}

/**
 * A parameter given twice (`?client_id=a&client_id=b`) arrives as an array from Fastify's query
 * parser; every control-plane parameter is a single value, so say that rather than "must be string".
 */
function repeatedParameter (query: unknown, issue: Issue): Issue {
  const value = (query as Record<string, unknown>)[dotted(issue.instancePath)]
  if (!Array.isArray(value) || issue.message === 'is not a known field') return issue
  return { ...issue, keyword: 'repeated', message: 'is given more than once: give it once' }
}

/** Validation for the control plane: TypeBox, strict about unknown fields, fields named in errors. */
export const strictValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route) as (value: unknown) => { value?: unknown, error?: Issue[] }
  const isQuery = route.httpPart === 'querystring'
  return (value: unknown) => {
    const result = validate(value)
    if (result.error === undefined) return result
    const named = namedIssues(result.error, value)
    return { error: isQuery ? named.map(issue => repeatedParameter(value, issue)) : named }
  }
}

/** A value as JSON, cut to 100 characters; a cut string keeps its closing quote. */
function shown (value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  return json.length <= 100 ? json : `${json.slice(0, 99)}…${typeof value === 'string' ? '"' : ''}`
}

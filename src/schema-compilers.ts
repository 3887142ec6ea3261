import AjvCompiler from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>
type Validate = ((data: unknown) => unknown) & { errors?: unknown }

/**
 * Fastify's own compilers (Ajv for validation, fast-json-stringify for responses), with each
 * route's schema compiled when that route first uses it instead of every one at start-up. Each
 * route documents up to nine response shapes (its answer and every error status), most never sent
 * in a run: compiling them all took ~110 ms and ~12 MB before the first request could be
 * answered. Same compilers, same options, so the same validation and the same bytes.
 */
export const lazySchemaCompilers: CompilersFactory = {
  buildValidator: ((externalSchemas, options) => {
    let compilerFor: ReturnType<BuildValidator> | undefined
    return (route: Parameters<ReturnType<BuildValidator>>[0]) => {
      let validate: Validate | undefined
      const lazy: Validate = (data) => {
        compilerFor ??= AjvCompiler()(externalSchemas, options)
        validate ??= compilerFor(route) as Validate
        const valid = validate(data)
        // Fastify reads an Ajv validator's errors from the function it was given.
        lazy.errors = validate.errors
        return valid
      }
      return lazy
    }
  }) as BuildValidator,
  buildSerializer: ((externalSchemas, options) => {
    let compilerFor: ReturnType<BuildSerializer> | undefined
    return (route: Parameters<ReturnType<BuildSerializer>>[0]) => {
      let serialize: ((data: unknown) => string) | undefined
      return (data: unknown) => {
        compilerFor ??= SerializerSelector()(externalSchemas, options)
        serialize ??= compilerFor(route)
        return serialize(data)
      }
    }
  }) as BuildSerializer
}

/** The same for a route-level compiler of our own (the control plane's TypeBox validator). */
export function lazyCompiler<Route, Compiled extends (...args: never[]) => unknown> (compile: (route: Route) => Compiled): (route: Route) => Compiled {
  return (route) => {
    let compiled: Compiled | undefined
    return ((...args: Parameters<Compiled>) => (compiled ??= compile(route))(...args)) as Compiled
  }
}

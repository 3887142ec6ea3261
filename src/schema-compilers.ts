import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>

/**
 * Fastify's own response serialiser (fast-json-stringify), with each route's response schemas
 * compiled when that route first sends one instead of every one at start-up. Each route documents
 * up to nine response shapes (its answer and every error status), most never sent in a run:
 * compiling them all took ~110 ms and ~12 MB before the first request could be answered. Same
 * compiler, same options, so the same bytes. Validation keeps Fastify's own factory: a custom one
 * would turn off Fastify's lower-casing of header schemas. The routes that validate with a compiler
 * of their own make it lazy with `lazyCompiler` below.
 *
 * The price: a response schema that does not compile fails when first sent, not at start-up;
 * test/schema-compilers.test.ts compiles every route's schemas eagerly to catch that.
 */
export const lazySchemaCompilers: CompilersFactory = {
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

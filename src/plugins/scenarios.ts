import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { ConfigError } from '../config.js'
import { catalogueProblems, scenarioProblems } from '../domain/scenario-rules.js'
import { SCENARIO_GROUPS, ScenarioFileSchema, type Scenario } from '../schemas/scenario.js'

export class ScenarioFileError extends Error {
  constructor (readonly file: string, reason: string) {
    super(`scenario file ${file}: ${reason}`)
    this.name = 'ScenarioFileError'
  }
}

const checkFile = Compile(ScenarioFileSchema)

/** Reads and checks every `*.json` in a folder; the first bad file stops start-up, named. */
export function loadScenarioDir (dir: string, threshold: number): Scenario[] {
  let files: string[]
  try {
    files = readdirSync(dir).filter(f => f.endsWith('.json')).sort()
  } catch (err) {
    throw new ScenarioFileError(dir, `cannot read the folder (${(err as Error).message})`)
  }
  if (files.length === 0) throw new ScenarioFileError(dir, 'the folder holds no *.json scenario')
  // Stryker disable next-line StringLiteral: an empty encoding gives a Buffer, which JSON.parse reads as the same UTF-8 text
  const scenarios = files.map(file => parseScenarioFile(join(dir, file), readFileSync(join(dir, file), 'utf8'), threshold))
  const order = (s: Scenario): number => SCENARIO_GROUPS.indexOf(s.group)
  return scenarios.sort((a, b) => order(a) - order(b))
}

export function parseScenarioFile (path: string, text: string, threshold: number): Scenario {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new ScenarioFileError(path, `not valid JSON (${(err as Error).message})`)
  }
  if (!checkFile.Check(data)) {
    const problems = [...checkFile.Errors(data)].map(e => `${e.instancePath || '/'} ${e.message}`)
    throw new ScenarioFileError(path, [...new Set(problems)].slice(0, 5).join('; '))
  }
  const expected = path.replace(/^.*[\\/]/, '').replace(/\.json$/, '')
  if (data.name !== expected) throw new ScenarioFileError(path, `name "${data.name}" must equal the file name "${expected}"`)
  const problems = [...scenarioProblems(data, threshold), ...catalogueProblems(data)]
  if (problems.length > 0) throw new ScenarioFileError(path, problems.join('; '))
  return data
}

export class ScenarioCatalogue {
  readonly #byName: Map<string, Scenario>
  constructor (readonly all: readonly Scenario[]) {
    this.#byName = new Map(all.map(s => [s.name, s]))
  }

  get (name: string): Scenario | undefined {
    return this.#byName.get(name)
  }

  get names (): string[] {
    return [...this.#byName.keys()]
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    scenarios: ScenarioCatalogue
  }
}

export interface ScenariosOptions {
  dir: string
  threshold: number
  defaultScenario: string | null
}

export default fp(async function scenariosPlugin (app: FastifyInstance, options: ScenariosOptions) {
  const catalogue = new ScenarioCatalogue(loadScenarioDir(options.dir, options.threshold))
  if (options.defaultScenario !== null && catalogue.get(options.defaultScenario) === undefined) {
    throw new ConfigError('DEFAULT_SCENARIO', `no scenario named "${options.defaultScenario}" (known: ${catalogue.names.join(', ')})`)
  }
  app.decorate('scenarios', catalogue)
}, { name: 'scenarios' })

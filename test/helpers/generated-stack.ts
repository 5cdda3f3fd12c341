import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parse} from 'yaml'

import {type StackOptions, validateOptions} from '../../src/config-generation/options.js'
import {buildStack} from '../../src/config-generation/stack.js'
import {writeStack} from '../../src/config-generation/write-stack.js'

export interface GeneratedStack {
  dir: string
  options: StackOptions
  files: string[]
  text: (path: string) => string
  yaml: <T = Record<string, unknown>>(path: string) => T
}

/** Generates a stack into `dir` through the same modules the command uses, and gives typed access to its files. */
export async function generateStack(dir: string, input: Partial<StackOptions> = {}): Promise<GeneratedStack> {
  const options = validateOptions(input)
  const files = await writeStack(dir, buildStack(options), false)
  const text = (path: string): string => readFileSync(join(dir, path), 'utf8')
  return {dir, files, options, text, yaml: <T>(path: string) => parse(text(path)) as T}
}

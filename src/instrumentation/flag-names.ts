/** The subset of an oclif flag definition needed to recognise a flag on the command line. */
export interface FlagDefinition {
  name?: string
  char?: string
  aliases?: string[]
  charAliases?: string[]
  allowNo?: boolean
}

export type FlagDefinitions = Record<string, FlagDefinition | undefined>

/** Recorded in place of a flag the command does not define: its raw text could be a secret. */
export const UNKNOWN_FLAG = '(unknown)'

/**
 * The canonical names of the flags present in `argv`, sorted and without duplicates. Values are
 * never looked at; a flag the command does not define is recorded as `(unknown)`, because a
 * mistyped argument can be a token.
 */
export function flagNames(argv: readonly string[], definitions: FlagDefinitions | undefined): string[] {
  const lookup = buildLookup(definitions ?? {})
  const names = new Set<string>()
  for (const arg of argv) {
    if (arg === '--') break
    if (arg.length < 2 || arg[0] !== '-' || /^-\d/.test(arg)) continue
    let name: string | undefined
    if (arg.startsWith('--')) {
      const raw = arg.slice(2).split('=', 1)[0]
      name = lookup.long.get(raw) ?? (raw.startsWith('no-') ? lookup.negatable.get(raw.slice(3)) : undefined)
    } else {
      name = lookup.short.get(arg[1])
    }

    names.add(name ?? UNKNOWN_FLAG)
  }

  return [...names].sort()
}

interface Lookup {
  long: Map<string, string>
  short: Map<string, string>
  negatable: Map<string, string>
}

function buildLookup(definitions: FlagDefinitions): Lookup {
  // oclif answers --help and -h on every command without declaring them.
  const lookup: Lookup = {long: new Map([['help', 'help']]), negatable: new Map(), short: new Map([['h', 'help']])}
  for (const [key, definition] of Object.entries(definitions)) {
    if (!definition) continue
    const name = definition.name ?? key
    lookup.long.set(name, name)
    for (const alias of definition.aliases ?? []) lookup.long.set(alias, name)
    if (definition.char) lookup.short.set(definition.char, name)
    for (const alias of definition.charAliases ?? []) lookup.short.set(alias, name)
    if (definition.allowNo) lookup.negatable.set(name, name)
  }

  return lookup
}

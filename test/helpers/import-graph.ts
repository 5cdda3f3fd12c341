import {readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

/** Every module reachable from `entry` through static and dynamic imports; bare specifiers are kept as names. */
export function importGraph(entry: string): {files: Set<string>; packages: Set<string>} {
  const files = new Set<string>()
  const packages = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (files.has(file)) continue
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? match[2] ?? match[3]
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
      else packages.add(specifier)
    }
  }

  return {files, packages}
}

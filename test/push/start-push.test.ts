import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {PLUGIN_ROOT} from '../helpers/host-cli.js'

/** Every module a compiled file pulls in statically, following relative imports through dist/. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/^\s*import\s[^'"]*?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
      else seen.add(specifier)
    }
  }

  return seen
}

describe('the push started from the finally hook', function () {
  it('keeps prom-client and winston out of the hooks: only the detached process loads prom-client', function () {
    for (const hook of ['init', 'prerun', 'finally']) {
      const graph = importGraph(join(PLUGIN_ROOT, 'dist/hooks', `${hook}.js`))
      expect(graph.has(join(PLUGIN_ROOT, 'dist/push/start-push.js')) || hook !== 'finally').to.equal(true)
      for (const heavy of ['prom-client', 'winston']) expect([...graph].some((m) => m === heavy || m.startsWith(`${heavy}/`)), `${hook} imports ${heavy}`).to.equal(false)
    }

    expect(importGraph(join(PLUGIN_ROOT, 'dist/push/push-result.js')).has('prom-client')).to.equal(true)
  })
})

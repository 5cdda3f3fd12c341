import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {PLUGIN_ROOT} from '../helpers/host-cli.js'
import {importGraph} from '../helpers/import-graph.js'

describe('the hooks stay light', function () {
  for (const hook of ['init', 'prerun', 'finally']) {
    it(`${hook}: imports neither winston nor prom-client nor the package entry, only node built-ins`, function () {
      const {files, packages} = importGraph(join(PLUGIN_ROOT, 'dist/hooks', `${hook}.js`))
      expect(files.size).to.be.greaterThan(1)
      expect([...files].some((f) => f.endsWith('/dist/index.js') || f.includes('/dist/logging/'))).to.equal(false)
      // @oclif/core appears only as a type import, erased from the JavaScript.
      expect([...packages].filter((p) => !p.startsWith('node:'))).to.deep.equal([])
    })
  }

  it('the bundle oclif loads for all three hooks imports only node built-ins, and not node:crypto', function () {
    const source = readFileSync(join(PLUGIN_ROOT, 'dist/hooks/bundle.js'), 'utf8')
    const specifiers = [...source.matchAll(/^import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1])
    expect(specifiers.length).to.be.greaterThan(0)
    expect(specifiers.filter((s) => !s.startsWith('node:'))).to.deep.equal([])
    expect(specifiers).not.to.include('node:crypto')
    expect(source).not.to.match(/from ['"](winston|prom-client)['"]/)
  })

  it('the package entry does import winston (so the check above can fail)', function () {
    const {packages} = importGraph(join(PLUGIN_ROOT, 'dist/index.js'))
    expect(packages.has('winston')).to.equal(true)
  })
})

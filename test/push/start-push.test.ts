import {expect} from 'chai'
import {join} from 'node:path'

import {PLUGIN_ROOT} from '../helpers/host-cli.js'
import {importGraph} from '../helpers/import-graph.js'

describe('the push started from the finally hook', function () {
  it('keeps prom-client and winston out of the hooks: only the detached process loads prom-client', function () {
    for (const hook of ['init', 'prerun', 'finally']) {
      const {files, packages} = importGraph(join(PLUGIN_ROOT, 'dist/hooks', `${hook}.js`))
      const graph = new Set([...files, ...packages])
      expect(graph.has(join(PLUGIN_ROOT, 'dist/push/start-push.js')) || hook !== 'finally').to.equal(true)
      for (const heavy of ['prom-client', 'winston']) expect([...graph].some((m) => m === heavy || m.startsWith(`${heavy}/`)), `${hook} imports ${heavy}`).to.equal(false)
    }

    expect(importGraph(join(PLUGIN_ROOT, 'dist/push/push-result.js')).packages.has('prom-client')).to.equal(true)
  })
})

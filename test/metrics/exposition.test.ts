import {expect} from 'chai'
import {Counter, Registry, type RegistryContentType} from 'prom-client'

import {expose} from '../../src/metrics/exposition.js'

describe('expose', function () {
  it('renders OpenMetrics and Prometheus text from one registry, concurrently, without either corrupting the other', async function () {
    const registry = new Registry<RegistryContentType>()
    new Counter({help: 'h', name: 'mgit_things_total', registers: [registry]}).inc(2)
    const renders = await Promise.all([
      expose(registry, 'openmetrics'),
      expose(registry, 'prometheus'),
      expose(registry, 'openmetrics'),
      expose(registry, 'prometheus'),
    ])
    for (const {body, contentType} of renders.filter((_, i) => i % 2 === 0)) {
      expect(contentType).to.match(/^application\/openmetrics-text/)
      expect(body).to.contain('# TYPE mgit_things counter\nmgit_things_total 2')
      expect(body).to.match(/# EOF\n$/)
    }

    for (const {body, contentType} of renders.filter((_, i) => i % 2 === 1)) {
      expect(contentType).to.match(/^text\/plain; version=0.0.4/)
      expect(body).to.contain('# TYPE mgit_things_total counter\nmgit_things_total 2')
    }
  })
})

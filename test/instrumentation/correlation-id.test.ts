import {expect} from 'chai'

import {CORRELATION_ENV, ensureCorrelationId} from '../../src/instrumentation/correlation-id.js'
import {monitoringDisabled} from '../../src/instrumentation/monitoring-env.js'

describe('ensureCorrelationId', function () {
  it('keeps a valid caller ID', function () {
    const env: NodeJS.ProcessEnv = {[CORRELATION_ENV]: 'cron-2026-11-29T02:00:00Z'}
    expect(ensureCorrelationId(env)).to.equal('cron-2026-11-29T02:00:00Z')
  })

  it('creates and exports a UUID when none or an invalid one is given', function () {
    for (const given of [undefined, '', 'has space', 'x'.repeat(200), '{"json":1}']) {
      const env: NodeJS.ProcessEnv = given === undefined ? {} : {[CORRELATION_ENV]: given}
      const id = ensureCorrelationId(env)
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      expect(env[CORRELATION_ENV]).to.equal(id)
    }
  })
})

describe('monitoringDisabled', function () {
  it('reads MGIT_MONITORING_DISABLED', function () {
    expect(monitoringDisabled({})).to.equal(false)
    expect(monitoringDisabled({MGIT_MONITORING_DISABLED: '1'})).to.equal(true)
    expect(monitoringDisabled({MGIT_MONITORING_DISABLED: 'TRUE'})).to.equal(true)
    expect(monitoringDisabled({MGIT_MONITORING_DISABLED: '0'})).to.equal(false)
  })
})

import {expect} from 'chai'

import {bearerAuthenticator} from '../../src/server/auth.js'
import {wantsOpenMetrics} from '../../src/server/content-negotiation.js'

describe('bearer authenticator', function () {
  const check = bearerAuthenticator('s3cret-token')

  it('accepts exactly "Bearer <token>" (scheme case-insensitive)', function () {
    expect(check('Bearer s3cret-token')).to.equal(true)
    expect(check('bearer s3cret-token')).to.equal(true)
  })

  it('rejects anything else', function () {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Bearer s3cret-toke', 'Bearer s3cret-token2', 'Basic s3cret-token', 's3cret-token', 'Bearer s3cret-token extra']) {
      expect(check(header), String(header)).to.equal(false)
    }
  })
})

describe('Accept negotiation', function () {
  it('chooses OpenMetrics for what Prometheus sends, and the text format otherwise', function () {
    expect(wantsOpenMetrics('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).to.equal(true)
    expect(wantsOpenMetrics('application/openmetrics-text')).to.equal(true)
    expect(wantsOpenMetrics(undefined)).to.equal(false)
    expect(wantsOpenMetrics('*/*')).to.equal(false)
    expect(wantsOpenMetrics('text/plain')).to.equal(false)
    expect(wantsOpenMetrics('text/plain;q=1,application/openmetrics-text;q=0.5')).to.equal(false)
    expect(wantsOpenMetrics('application/openmetrics-text;q=0')).to.equal(false)
  })
})

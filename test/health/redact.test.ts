import {expect} from 'chai'

import {redact} from '../../src/health/redact.js'
import {TOKENS} from '../helpers/fake-tokens.js'

describe('redact', function () {
  it('masks configured secrets and token shapes', function () {
    expect(redact('value s3cr3t-value here', ['s3cr3t-value'])).to.equal('value *** here')
    // The project-wide masking keeps a token's public type prefix (`ghp_***`), nothing of the secret.
    for (const token of Object.values(TOKENS)) {
      const masked = redact(`x ${token} y`)
      expect(masked).to.match(/^x [A-Za-z_-]*\*\*\* y$/)
      expect(masked).not.to.contain(token.slice(-8))
    }

    expect(redact('github_pat_' + 'a'.repeat(82))).to.equal('github_pat_***')
  })

  it('masks URL credentials and Authorization values', function () {
    expect(redact('https://bob:pw@host.example/x')).to.equal('https://***@host.example/x')
    expect(redact('Authorization: Basic Ym9iOnB3ZA==')).to.equal('Authorization: Basic ***')
    expect(redact('authorization=Bearer abc.def')).to.equal('authorization=Bearer ***')
  })

  it('leaves ordinary text, SHAs and UUIDs alone', function () {
    const text = 'token rejected at 2f3c1e5b9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b for 6f1c3a4e-8d2b-4c1a-9e8f-2b7d5a1c9e30 https://api.github.com/user'
    expect(redact(text)).to.equal(text)
  })
})

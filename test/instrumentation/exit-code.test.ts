import {expect} from 'chai'

import {deriveExitCode} from '../../src/instrumentation/exit-code.js'

describe('deriveExitCode', function () {
  it('takes oclif errors’ own exit code', function () {
    expect(deriveExitCode(Object.assign(new Error('x'), {oclif: {exit: 3}}), undefined)).to.equal(3)
    expect(deriveExitCode(Object.assign(new Error('x'), {oclif: {exit: 0}}), undefined)).to.equal(0)
  })

  it('treats any other thrown value as exit 1', function () {
    expect(deriveExitCode(new TypeError('x'), undefined)).to.equal(1)
    expect(deriveExitCode('string thrown', 0)).to.equal(1)
  })

  it('uses process.exitCode when there is no error (--json failures set it)', function () {
    expect(deriveExitCode(undefined, 1)).to.equal(1)
    expect(deriveExitCode(undefined, '2')).to.equal(2)
    expect(deriveExitCode(undefined, undefined)).to.equal(0)
  })
})

import {expect} from 'chai'

import {hasBinary, requireBinaries} from '../helpers/real-server.js'

describe('real-server helper', function () {
  const missing = 'mgit-no-such-binary-' + process.pid
  let savedCi: string | undefined

  beforeEach(function () {
    savedCi = process.env.CI
  })

  afterEach(function () {
    if (savedCi === undefined) delete process.env.CI
    else process.env.CI = savedCi
  })

  it('finds binaries on PATH', function () {
    expect(hasBinary('node')).to.equal(true)
    expect(hasBinary(missing)).to.equal(false)
  })

  it('fails (does not skip) under CI=true when a server binary is missing', function () {
    process.env.CI = 'true'
    let skipped = false
    const context = {skip: () => { skipped = true }} as unknown as Mocha.Context
    expect(() => requireBinaries(context, 'node', missing)).to.throw(`required binaries missing under CI: ${missing}`)
    expect(skipped).to.equal(false)
  })

  it('skips outside CI when a server binary is missing', function () {
    delete process.env.CI
    let skipped = false
    const context = {skip: () => { skipped = true }} as unknown as Mocha.Context
    requireBinaries(context, missing)
    expect(skipped).to.equal(true)
  })
})

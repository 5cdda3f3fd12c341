import {expect} from 'chai'

import {randomHex, randomUuid} from '../../src/util/random-id.js'

describe('random IDs', function () {
  it('make hex strings of the asked length', function () {
    for (const length of [1, 8, 16, 33]) expect(randomHex(length)).to.match(new RegExp(`^[0-9a-f]{${length}}$`))
  })

  it('make version 4 UUIDs without repeats', function () {
    const ids = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const id = randomUuid()
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      ids.add(id)
    }

    expect(ids.size).to.equal(10_000)
  })
})

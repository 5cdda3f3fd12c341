import {expect} from 'chai'
import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {writeFileAtomic} from '../../src/util/atomic-write.js'
import {makeTempDir} from '../helpers/temp-dir.js'

describe('writeFileAtomic', function () {
  let temp: ReturnType<typeof makeTempDir>
  beforeEach(function () {
    temp = makeTempDir()
  })
  afterEach(function () {
    temp.cleanup()
  })

  it('replaces the file and leaves no temporary file behind', async function () {
    const path = join(temp.path, 'mgit.prom')
    writeFileSync(path, 'old\n')
    await writeFileAtomic(path, 'new\n')
    expect(readFileSync(path, 'utf8')).to.equal('new\n')
    expect(readdirSync(temp.path)).to.deep.equal(['mgit.prom'])
  })

  it('readers never see a partial file while it is rewritten', async function () {
    const path = join(temp.path, 'mgit.prom')
    const versions = ['a', 'b', 'c', 'd'].map((c) => c.repeat(256 * 1024))
    await writeFileAtomic(path, versions[0])
    const writes = (async () => {
      for (let round = 0; round < 10; round++) for (const v of versions) await writeFileAtomic(path, v)
    })()
    let reads = 0
    let done = false
    void writes.then(() => {
      done = true
    })
    while (!done) {
      expect(versions).to.include(readFileSync(path, 'utf8'))
      reads++
      await new Promise((resolve) => {
        setImmediate(resolve)
      })
    }

    await writes
    expect(reads).to.be.greaterThan(0)
  })

  it('fails without leaving debris when the directory does not exist', async function () {
    let failed = false
    try {
      await writeFileAtomic(join(temp.path, 'missing', 'x.prom'), 'x')
    } catch {
      failed = true
    }

    expect(failed).to.equal(true)
    expect(readdirSync(temp.path)).to.deep.equal([])
  })
})

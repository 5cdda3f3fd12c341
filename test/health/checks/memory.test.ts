import {expect} from 'chai'

import {type MemorySample, memoryCheck, sampleMemory} from '../../../src/health/checks/memory.js'
import {runCheck} from '../../helpers/run-check.js'

const MIB = 1024 * 1024
const sample = (freeMiB: number, heapUsedMiB: number): (() => MemorySample) => () => ({
  freeBytes: freeMiB * MIB,
  heapLimitBytes: 1000 * MIB,
  heapUsedBytes: heapUsedMiB * MIB,
  rssBytes: 100 * MIB,
  totalBytes: 1000 * MIB,
})

describe('memory check', function () {
  it('samples the real machine and process', function () {
    const s = sampleMemory()
    expect(s.totalBytes).to.be.greaterThan(0)
    expect(s.freeBytes).to.be.within(0, s.totalBytes)
    expect(s.rssBytes).to.be.greaterThan(0)
    expect(s.heapUsedBytes).to.be.within(1, s.heapLimitBytes)
  })

  it('runs on the real machine with thresholds it cannot miss', async function () {
    const result = await runCheck(memoryCheck({heapFailRatio: 1.01, heapWarnRatio: 1.01, systemFailFreeRatio: 0, systemWarnFreeRatio: 0}))
    expect(result.status).to.equal('pass')
    expect(result.details?.map((d) => d.component)).to.deep.equal(['system', 'process'])
  })

  it('passes, warns and fails on the system free ratio', async function () {
    expect((await runCheck(memoryCheck({}, sample(500, 10)))).status).to.equal('pass')
    expect((await runCheck(memoryCheck({}, sample(40, 10)))).status).to.equal('warn')
    const failing = await runCheck(memoryCheck({}, sample(10, 10)))
    expect(failing.status).to.equal('fail')
    expect(failing.details?.[0]).to.include({component: 'system', observedValue: 0.01, status: 'fail'})
    expect(failing.recommendation).to.contain('concurrency')
  })

  it('warns and fails on heap use against the heap limit', async function () {
    expect((await runCheck(memoryCheck({}, sample(500, 900)))).status).to.equal('warn')
    const failing = await runCheck(memoryCheck({}, sample(500, 960)))
    expect(failing.details?.[1]).to.include({component: 'process', status: 'fail'})
    expect(failing.details?.[1].message).to.contain('RSS 100 MiB')
  })
})

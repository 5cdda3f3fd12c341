import {expect} from 'chai'
import {join} from 'node:path'

import {diskCheck} from '../../../src/health/checks/disk.js'
import {runCheck} from '../../helpers/run-check.js'
import {useTempDir} from '../../helpers/use-temp-dir.js'

const GIB = 1024 ** 3

describe('disk check', function () {
  const dir = useTempDir('health-disk-', 'suite')

  const targets = (): Array<{component: string; path: string}> => [{component: 'clone-dir', path: dir()}, {component: 'data-dir', path: join(dir(), 'not', 'yet', 'created')}]

  it('measures the real disk of both directories (a path not created yet on its parent) and passes without thresholds', async function () {
    const result = await runCheck(diskCheck(targets(), {}))
    expect(result.status).to.equal('pass')
    expect(result.details?.map((d) => d.component)).to.deep.equal(['clone-dir', 'data-dir'])
    for (const detail of result.details ?? []) {
      expect(detail.observedUnit).to.equal('bytes')
      expect(detail.observedValue).to.be.a('number').greaterThan(0)
    }

    expect(result.observedValue).to.be.a('number').greaterThan(0)
  })

  it('fails when free bytes are below an impossible fail threshold', async function () {
    const result = await runCheck(diskCheck(targets(), {failFreeBytes: 1e18}))
    expect(result.status).to.equal('fail')
    expect(result.recommendation).to.contain('Free disk space')
  })

  it('warns between the warn and fail thresholds', async function () {
    const result = await runCheck(diskCheck(targets(), {failFreeBytes: 1, warnFreeBytes: 1e18}))
    expect(result.status).to.equal('warn')
    expect(result.details?.every((d) => d.status === 'warn')).to.equal(true)
  })

  it('judges the free ratio too', async function () {
    const read = async (): Promise<{free: number; size: number}> => ({free: 3 * GIB, size: 100 * GIB})
    expect((await runCheck(diskCheck(targets(), {warnFreeRatio: 0.05}, read))).status).to.equal('warn')
    expect((await runCheck(diskCheck(targets(), {failFreeRatio: 0.05, warnFreeRatio: 0.1}, read))).status).to.equal('fail')
    expect((await runCheck(diskCheck(targets(), {failFreeRatio: 0.01, warnFreeRatio: 0.02}, read))).status).to.equal('pass')
  })

  it('fails a path whose space cannot be measured', async function () {
    const read = async (): Promise<{free: number; size: number}> => {
      throw new Error('df: no such device')
    }

    const result = await runCheck(diskCheck(targets(), {}, read))
    expect(result.status).to.equal('fail')
    expect(result.details?.[0].message).to.contain('cannot measure free space')
  })
})

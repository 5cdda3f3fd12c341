import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {systemCheck} from '../../../src/health/checks/system.js'
import {runCheck} from '../../helpers/run-check.js'
import {useTempDir} from '../../helpers/use-temp-dir.js'

describe('system check', function () {
  const dir = useTempDir('health-system-')

  it('passes on this Node.js with a writable data directory (created if missing)', async function () {
    const result = await runCheck(systemCheck({dataDir: join(dir(), 'data')}))
    expect(result.status).to.equal('pass')
    expect(result.observedValue).to.equal(process.versions.node)
  })

  it('fails when the data directory sits under a regular file (root ignores modes, not file types)', async function () {
    writeFileSync(join(dir(), 'file'), 'x')
    const result = await runCheck(systemCheck({dataDir: join(dir(), 'file', 'data')}))
    expect(result.status).to.equal('fail')
    const detail = result.details?.find((d) => d.component === 'data-dir')
    expect(detail?.message).to.contain('is not writable')
    expect(detail?.recommendation).to.contain('MGIT_DATA_DIR')
  })

  it('fails when the data directory is a regular file', async function () {
    writeFileSync(join(dir(), 'data'), 'x')
    const result = await runCheck(systemCheck({dataDir: join(dir(), 'data')}))
    expect(result.status).to.equal('fail')
    expect(result.details?.find((d) => d.component === 'data-dir')?.message).to.contain('not a directory')
  })

  it('fails a Node.js older than the minimum', async function () {
    const result = await runCheck(systemCheck({dataDir: dir(), minNodeVersion: '20.0.0', nodeVersion: 'v18.19.0'}))
    expect(result.status).to.equal('fail')
    expect(result.details?.find((d) => d.component === 'node')?.message).to.equal('Node.js 18.19.0 is older than 20.0.0')
  })
})

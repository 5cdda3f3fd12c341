import {expect} from 'chai'

import {DEFAULT_DISK_THRESHOLDS} from '../../src/health/checks/disk.js'
import {SettingError, healthSettings} from '../../src/health/health-env.js'

const BASE = {configDir: '/c', dataDir: '/d'}

describe('health settings from the environment', function () {
  it('uses the defaults and the current directory when nothing is set', function () {
    const settings = healthSettings(BASE, {})
    expect(settings.disk).to.deep.equal(DEFAULT_DISK_THRESHOLDS)
    expect(settings.memory).to.deep.equal({})
    expect(settings.cloneDir).to.equal(process.cwd())
    expect(settings).not.to.have.property('minGitVersion')
  })

  it('reads thresholds, the clone directory and the minimum git version', function () {
    const settings = healthSettings(BASE, {
      MGIT_HEALTH_CLONE_DIR: '/srv/clones',
      MGIT_HEALTH_DISK_FAIL_BYTES: '0',
      MGIT_HEALTH_DISK_WARN_RATIO: '0.2',
      MGIT_HEALTH_MEMORY_WARN_RATIO: '0.1',
      MGIT_HEALTH_MIN_GIT_VERSION: '2.30',
      MGIT_HEALTH_TOKEN_EXPIRY_WARN_DAYS: '30',
    })
    expect(settings.cloneDir).to.equal('/srv/clones')
    expect(settings.disk).to.include({failFreeBytes: 0, warnFreeRatio: 0.2})
    expect(settings.memory).to.deep.equal({systemWarnFreeRatio: 0.1})
    expect(settings).to.include({expiryWarnDays: 30, minGitVersion: '2.30'})
  })

  it('prefers an explicit clone directory (the flag) to the environment', function () {
    expect(healthSettings({...BASE, cloneDir: '/flag'}, {MGIT_HEALTH_CLONE_DIR: '/env'}).cloneDir).to.equal('/flag')
  })

  for (const [name, value] of [['MGIT_HEALTH_DISK_WARN_BYTES', '-1'], ['MGIT_HEALTH_DISK_FAIL_RATIO', '1.5'], ['MGIT_HEALTH_TOKEN_EXPIRY_WARN_DAYS', '2.5'], ['MGIT_HEALTH_MIN_GIT_VERSION', 'latest']]) {
    it(`rejects ${name}=${value} with a SettingError naming it`, function () {
      expect(() => healthSettings(BASE, {[name]: value})).to.throw(SettingError, name)
    })
  }
})

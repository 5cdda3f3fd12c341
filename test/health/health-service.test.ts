import {expect} from 'chai'

import type {CheckOutcome, HealthCheck} from '../../src/health/check.js'
import {createHealthService} from '../../src/health/health-service.js'
import type {CheckStatus} from '../../src/health/health-types.js'
import {TOKENS} from '../helpers/fake-tokens.js'

function fixed(name: string, status: CheckStatus, ready = false): HealthCheck & {runs: number} {
  const check = {
    name,
    ready,
    runs: 0,
    async run(): Promise<CheckOutcome> {
      check.runs++
      return {message: `${name} is ${status}`, status, ...(status === 'pass' ? {} : {recommendation: 'fix it'})}
    },
  }
  return check
}

/** A check that never finishes on its own; records whether it was told to stop. */
function hanging(name: string): HealthCheck & {aborted: boolean} {
  const check = {
    aborted: false,
    name,
    ready: false,
    run({signal}: {signal: AbortSignal}): Promise<CheckOutcome> {
      signal.addEventListener('abort', () => {
        check.aborted = true
      })
      return new Promise(() => {})
    },
  }
  return check
}

describe('health service', function () {
  it('runs the checks of a scope, takes the worst status and scores warn as half', async function () {
    const service = createHealthService({cacheMs: 0, checks: [fixed('a', 'pass', true), fixed('b', 'warn', true), fixed('c', 'pass'), fixed('d', 'pass')]})
    const full = await service.check('full')
    expect(full.status).to.equal('warn')
    expect(full.score).to.equal(0.875)
    expect(full.checks.map((c) => c.name)).to.deep.equal(['a', 'b', 'c', 'd'])
    const ready = await service.check('ready')
    expect(ready.checks.map((c) => c.name)).to.deep.equal(['a', 'b'])
    expect(ready.score).to.equal(0.75)
  })

  it('fails overall when any check fails', async function () {
    const report = await createHealthService({cacheMs: 0, checks: [fixed('a', 'warn'), fixed('b', 'fail'), fixed('c', 'pass')]}).check('full')
    expect(report.status).to.equal('fail')
    expect(report.score).to.equal(0.5)
  })

  it('runs checks concurrently, and turns a hanging check into a fail at its timeout', async function () {
    const stuck = hanging('stuck')
    const slowPass: HealthCheck = {
      name: 'slow',
      ready: false,
      run: () => new Promise((resolve) => {
        setTimeout(() => resolve({message: 'ok', status: 'pass'}), 150)
      }),
    }
    const service = createHealthService({cacheMs: 0, checks: [stuck, slowPass, {...fixed('own', 'pass'), timeoutMs: 5000}], timeoutMs: 200})
    const started = Date.now()
    const report = await service.check('full')
    const elapsed = Date.now() - started
    expect(elapsed).to.be.within(190, 2000)
    const result = report.checks.find((c) => c.name === 'stuck')
    expect(result).to.include({message: 'timed out after 200 ms', status: 'fail'})
    expect(result?.recommendation).to.be.a('string')
    expect(stuck.aborted).to.equal(true)
    expect(report.checks.find((c) => c.name === 'slow')?.status).to.equal('pass')
  })

  it('turns a throwing check into a fail with its message', async function () {
    const broken: HealthCheck = {
      name: 'broken',
      ready: true,
      async run() {
        throw new Error(`boom with ${TOKENS.github}\nstack here`)
      },
    }
    const report = await createHealthService({cacheMs: 0, checks: [broken]}).check('ready')
    expect(report.checks[0].status).to.equal('fail')
    expect(report.checks[0].message).to.equal('check failed: boom with ghp_***')
  })

  it('masks token shapes and URL credentials in anything a check reports', async function () {
    const leaky: HealthCheck = {
      name: 'leaky',
      ready: true,
      async run() {
        return {message: `GET https://bob:${TOKENS.bitbucket}@api.bitbucket.org failed; Authorization: token ${TOKENS.github}`, status: 'warn'}
      },
    }
    const report = await createHealthService({cacheMs: 0, checks: [leaky]}).check('full')
    const text = JSON.stringify(report)
    for (const token of Object.values(TOKENS)) expect(text).not.to.contain(token)
    expect(report.checks[0].message).to.contain('https://***@api.bitbucket.org')
  })

  it('caches per scope for the configured interval, by the injected clock', async function () {
    let clock = 1_000_000
    const a = fixed('a', 'pass', true)
    const b = fixed('b', 'pass')
    const service = createHealthService({cacheMs: 10_000, checks: [a, b], now: () => clock})
    const first = await service.check('full')
    clock += 5000
    expect(await service.check('full')).to.equal(first)
    expect(a.runs).to.equal(1)
    await service.check('ready')
    expect(a.runs).to.equal(2)
    expect(b.runs).to.equal(1)
    clock += 5001
    const third = await service.check('full')
    expect(third).not.to.equal(first)
    expect(a.runs).to.equal(3)
    expect(third.time).to.equal(new Date(clock).toISOString())
  })

  it('shares one run between concurrent callers of a scope', async function () {
    const a = fixed('a', 'pass')
    const service = createHealthService({cacheMs: 0, checks: [a]})
    const [x, y] = await Promise.all([service.check('full'), service.check('full')])
    expect(x).to.equal(y)
    expect(a.runs).to.equal(1)
  })

  it('keeps the latest full report for scrapes, without running anything', async function () {
    const a = fixed('a', 'warn', true)
    const service = createHealthService({cacheMs: 0, checks: [a]})
    expect(service.latest()).to.equal(undefined)
    await service.check('ready')
    expect(service.latest()).to.equal(undefined)
    const full = await service.check('full')
    expect(service.latest()).to.equal(full)
    expect(a.runs).to.equal(2)
  })

  it('answers live from the process alone, in milliseconds, while a dependency hangs', async function () {
    const stuck = hanging('provider')
    const service = createHealthService({cacheMs: 0, checks: [stuck], timeoutMs: 500})
    const full = service.check('full')
    const started = performance.now()
    const live = await service.check('live')
    const elapsed = performance.now() - started
    expect(elapsed).to.be.below(50)
    expect(live.status).to.equal('pass')
    expect(live.checks.map((c) => c.name)).to.deep.equal(['process'])
    expect(stuck.aborted).to.equal(false)
    expect((await full).status).to.equal('fail')
  })
})

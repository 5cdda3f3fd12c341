import {expect} from 'chai'

import type {HealthReport} from '../../src/health/health-types.js'
import {renderDetailed, renderVerdict, toHealthJson} from '../../src/health/render.js'

const TIME = '2026-01-01T00:00:00.000Z'
const REPORT: HealthReport = {
  checks: [
    {durationMs: 5, message: 'git 2.39.5', name: 'git', observedUnit: 'version', observedValue: '2.39.5', status: 'pass', time: TIME},
    {
      details: [
        {component: 'gh', message: 'authenticated as octocat', name: 'auth', status: 'pass'},
        {component: 'bb', message: 'token rejected (HTTP 401)', name: 'auth', recommendation: 'Create a new token.', status: 'fail'},
      ],
      durationMs: 40,
      message: '1 of 2 providers ok; bb: token rejected (HTTP 401)',
      name: 'auth',
      observedUnit: 'providers ok',
      observedValue: 1,
      recommendation: 'Create a new token.',
      status: 'fail',
      time: TIME,
    },
  ],
  durationMs: 42,
  score: 0.5,
  status: 'fail',
  time: TIME,
}

describe('health rendering', function () {
  it('renders the health-check response format: checks by name, verdict first, components after', function () {
    const doc = toHealthJson(REPORT, 'full', '1.4.0')
    expect(Object.keys(doc)).to.deep.equal(['status', 'version', 'description', 'scope', 'score', 'output', 'time', 'durationMs', 'checks'])
    expect(doc).to.include({scope: 'full', score: 0.5, status: 'fail', version: '1.4.0'})
    expect(doc.output).to.equal('auth: 1 of 2 providers ok; bb: token rejected (HTTP 401)')
    expect(doc.checks.git).to.deep.equal([{componentType: 'system', durationMs: 5, observedUnit: 'version', observedValue: '2.39.5', output: 'git 2.39.5', status: 'pass', time: TIME}])
    expect(doc.checks.auth.map((e) => [e.componentId, e.status])).to.deep.equal([[undefined, 'fail'], ['gh', 'pass'], ['bb', 'fail']])
    expect(doc.checks.auth[2].recommendation).to.equal('Create a new token.')
  })

  it('leaves out output when everything passes', function () {
    const passing: HealthReport = {...REPORT, checks: [REPORT.checks[0]], score: 1, status: 'pass'}
    expect(toHealthJson(passing, 'ready')).not.to.have.property('output')
  })

  it('gives a short verdict naming only what is wrong', function () {
    const text = renderVerdict(REPORT, 'full')
    expect(text.split('\n')).to.deep.equal([
      'mgit health (full): FAIL, score 0.5, 2 check(s) in 42 ms',
      '  FAIL auth: 1 of 2 providers ok; bb: token rejected (HTTP 401)',
      'Run with --detailed for every check and what to do.',
    ])
  })

  it('lays out every check and component in aligned columns, then the recommendations', function () {
    const lines = renderDetailed(REPORT, 'full').split('\n')
    expect(lines[2]).to.match(/^CHECK\s+STATUS\s+OBSERVED\s+MESSAGE$/)
    expect(lines).to.include('git    PASS    2.39.5 version  git 2.39.5')
    expect(lines).to.include('  bb   FAIL                    token rejected (HTTP 401)')
    expect(lines.slice(-2)).to.deep.equal(['Recommendations:', '  auth/bb: Create a new token.'])
  })
})

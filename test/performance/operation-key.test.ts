import {expect} from 'chai'

import type {BaseEvent} from '../../src/journal/event-types.js'
import {operationSample, seriesKey, splitSeriesKey} from '../../src/performance/operation-key.js'

const base = {cid: 'c', pid: 1, ts: 1, v: 1 as const}

function sample(event: Record<string, unknown>) {
  return operationSample({...base, ...event} as unknown as BaseEvent)
}

describe('operation keys: which journal events are timed operations', function () {
  it('command_end of a real command is command:<cmd> without provider; help/version are not operations', function () {
    expect(sample({cmd: 'clone-all', durationMs: 10, kind: 'command', success: false, type: 'command_end'})).to.deep.equal({durationMs: 10, operation: 'command:clone-all', provider: '', success: false})
    expect(sample({cmd: 'clone-all', durationMs: 10, kind: 'help', success: true, type: 'command_end'})).to.equal(undefined)
    expect(sample({cmd: '', durationMs: 10, kind: 'not_found', success: false, type: 'command_end'})).to.equal(undefined)
  })

  it('git_operation, api_request, span and auth_attempt carry their provider', function () {
    expect(sample({durationMs: 5, operation: 'clone', provider: 'github', success: true, type: 'git_operation'})).to.deep.equal({durationMs: 5, operation: 'git:clone', provider: 'github', success: true})
    expect(sample({durationMs: 5, endpoint: '/orgs/{org}/repos', errorCategory: 'rate_limit', method: 'GET', provider: 'github', type: 'api_request'})).to.deep.equal({durationMs: 5, operation: 'api:GET /orgs/{org}/repos', provider: 'github', success: false})
    expect(sample({durationMs: 5, name: 'bulk_clone', success: true, type: 'span'})).to.deep.equal({durationMs: 5, operation: 'span:bulk_clone', provider: '', success: true})
    expect(sample({durationMs: 5, provider: 'bitbucket', success: true, type: 'auth_attempt'})).to.deep.equal({durationMs: 5, operation: 'auth:login', provider: 'bitbucket', success: true})
  })

  it('events without a duration are not operations', function () {
    expect(sample({cmd: 'list', type: 'command_start'})).to.equal(undefined)
    expect(sample({operation: 'clone-all', provider: 'github', result: 'cloned', type: 'repository_result'})).to.equal(undefined)
    expect(sample({durationMs: 'slow', operation: 'clone', type: 'git_operation'})).to.equal(undefined)
  })

  it('series keys split back into operation and provider', function () {
    expect(splitSeriesKey(seriesKey('api:GET /x', 'github'))).to.deep.equal({operation: 'api:GET /x', provider: 'github'})
    expect(splitSeriesKey(seriesKey('command:list', ''))).to.deep.equal({operation: 'command:list', provider: ''})
  })
})

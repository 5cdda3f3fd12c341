import {expect} from 'chai'

import {gitOperationEvents, parseTrace2File} from '../../src/instrumentation/git/trace2-parse.js'

const ROOT = '20261129T032844.688414Z-H0a7c9cdf-P000018ae'
const CHILD = `${ROOT}/20261129T032844.703324Z-H0a7c9cdf-P000018af`

function line(sid: string, event: string, fields: Record<string, unknown>): string {
  return JSON.stringify({event, sid, thread: 'main', time: '2026-11-29T03:28:44.773735Z', ...fields})
}

describe('git trace2 parsing', function () {
  it('folds children into the process the host started and infers the provider from a child’s URL', function () {
    const text = [
      line(ROOT, 'start', {argv: ['git', 'clone', '-q', 'https://x:tok@github.com/o/r.git', 'dest'], t_abs: 0.0006}),
      line(ROOT, 'cmd_name', {name: 'clone'}),
      line(CHILD, 'start', {argv: ['/usr/lib/git-core/git', 'remote-https', 'origin', 'https://x:tok@github.com/o/r.git'], t_abs: 0.0006}),
      line(CHILD, 'error', {msg: 'Authentication failed for https://github.com/o/r.git/'}),
      line(CHILD, 'atexit', {code: 128, t_abs: 0.07}),
      'not json {',
      line(ROOT, 'atexit', {code: 128, t_abs: 0.089131}),
    ].join('\n')
    const events = gitOperationEvents(parseTrace2File(text), {cid: 'c', pid: 1})
    expect(events).to.have.length(1)
    expect(events[0]).to.include({
      cid: 'c', durationMs: 89.131, errorCategory: 'auth', exitCode: 128, operation: 'clone', provider: 'github', success: false, ts: Date.parse('2026-11-29T03:28:44.773Z'),
    })
    expect(JSON.stringify(events)).not.to.contain('tok')
  })

  it('records a process killed by a signal as 128 + signal, and SIGINT as interrupted', function () {
    const text = [
      line(ROOT, 'start', {argv: ['git', 'fetch'], t_abs: 0.001}),
      line(ROOT, 'signal', {signo: 2, t_abs: 1.5}),
    ].join('\n')
    const [event] = gitOperationEvents(parseTrace2File(text), {cid: 'c', pid: 1})
    expect(event).to.include({errorCategory: 'interrupted', exitCode: 130, operation: 'fetch', success: false})
  })

  it('records nothing for a process with no exit record (outcome unknown)', function () {
    const text = [line(ROOT, 'start', {argv: ['git', '-C', 'x', 'pull'], t_abs: 0.001}), line(ROOT, 'cmd_name', {name: 'pull'})].join('\n')
    expect(gitOperationEvents(parseTrace2File(text), {cid: 'c', pid: 1})).to.deep.equal([])
  })

  it('names the operation from argv when git died before cmd_name, else other', function () {
    const text = [
      line('A', 'start', {argv: ['git', '-C', '/r', '-c', 'k=v', 'push', 'origin'], t_abs: 0.001}),
      line('A', 'atexit', {code: 0, t_abs: 0.2}),
      line('B', 'start', {argv: ['git', 'gc'], t_abs: 0.001}),
      line('B', 'atexit', {code: 0, t_abs: 0.2}),
    ].join('\n')
    expect(gitOperationEvents(parseTrace2File(text), {cid: 'c', pid: 1}).map((e) => e.operation)).to.deep.equal(['push', 'other'])
  })
})

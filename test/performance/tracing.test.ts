import {expect} from 'chai'
import {setTimeout as sleep} from 'node:timers/promises'

import {configureMonitoring, monitorMgitOperation} from '../../src/integration/index.js'
import type {SpanEvent} from '../../src/journal/event-types.js'
import {journalDir} from '../../src/journal/journal-options.js'
import {endTrace, monitorPerformance, startTrace, traceOperation} from '../../src/performance/index.js'
import {useCorrelationEnv} from '../helpers/correlation-env.js'
import {readAll} from '../helpers/journal-contents.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

class NotFound extends Error {
  code = 'ENOENT'
}

class Cloner {
  prefix = 'repo-'

  @monitorPerformance('clone_repo', {provider: 'github'})
  async clone(name: string): Promise<string> {
    await sleep(2)
    return this.prefix + name
  }

  @monitorPerformance('parse_config')
  parse(text: string): number {
    if (text === '') throw new NotFound('no config')
    return text.length
  }
}

describe('tracing API: traceOperation, startTrace/endTrace, @monitorPerformance', function () {
  const dataDir = useTempDir('mgit-trace-')
  useCorrelationEnv('trace-test-run')

  beforeEach(function () {
    configureMonitoring({dataDir: dataDir()})
  })
  afterEach(function () {
    configureMonitoring({})
  })

  async function spans(): Promise<SpanEvent[]> {
    const {events} = await readAll(journalDir(dataDir()))
    return events.filter((e): e is SpanEvent => e.type === 'span')
  }

  it('nested operations through await, timers and concurrency are recorded as parent and child', async function () {
    const result = await traceOperation('bulk_clone', async () => {
      const repos = await Promise.all(['a', 'b', 'c'].map((r) => traceOperation('clone_repo', async () => {
        await sleep(3)
        return traceOperation('checkout', () => r.toUpperCase())
      }, {provider: 'github'})))
      await new Promise<void>((resolve) => {
        setTimeout(() => {
          traceOperation('late_timer', () => {})
          resolve()
        }, 1)
      })
      return repos
    })
    expect(result).to.deep.equal(['A', 'B', 'C'])

    const events = await spans()
    const root = events.filter((e) => e.name === 'bulk_clone')
    expect(root).to.have.length(1)
    expect(root[0].parentSpanId).to.equal(undefined)
    expect(root[0].cid).to.equal('trace-test-run')
    const clones = events.filter((e) => e.name === 'clone_repo')
    expect(clones).to.have.length(3)
    expect(new Set(clones.map((c) => c.spanId)).size).to.equal(3)
    for (const clone of clones) {
      expect(clone.parentSpanId).to.equal(root[0].spanId)
      expect(clone.provider).to.equal('github')
      expect(clone.durationMs).to.be.greaterThan(0)
    }

    const checkouts = events.filter((e) => e.name === 'checkout')
    expect(checkouts.map((c) => c.parentSpanId).sort()).to.deep.equal(clones.map((c) => c.spanId).sort())
    expect(events.find((e) => e.name === 'late_timer')?.parentSpanId).to.equal(root[0].spanId)
    // A parent ends after its children, so it is written last and lasts at least as long.
    expect(events.at(-1)?.name).to.equal('bulk_clone')
    expect(root[0].durationMs).to.be.at.least(Math.max(...clones.map((c) => c.durationMs)))
  })

  it('an error is recorded as a failure and rethrown unchanged, sync and async', async function () {
    const asyncError = new NotFound('gone')
    const caught = await traceOperation('fetch_all', async () => {
      throw asyncError
    }).catch((error: unknown) => error)
    expect(caught).to.equal(asyncError)

    const syncError = new TypeError('bad')
    expect(() => traceOperation('sync_step', () => {
      throw syncError
    })).to.throw(TypeError).that.equals(syncError)

    const events = await spans()
    expect(events.map((e) => [e.name, e.success, e.errorCategory])).to.deep.equal([
      ['fetch_all', false, 'filesystem'],
      ['sync_step', false, 'internal'],
    ])
  })

  it('a synchronous operation returns its value directly (not a promise)', async function () {
    const value = traceOperation('sum', () => 1 + 2)
    expect(value).to.equal(3)
    expect((await spans()).map((e) => [e.name, e.success])).to.deep.equal([['sum', true]])
  })

  it('startTrace/endTrace time manual work, nest under the current trace, and report the duration', async function () {
    let outer = ''
    let duration: number | undefined
    await traceOperation('outer', async () => {
      const id = startTrace('custom_op', {provider: 'bitbucket'})
      await sleep(5)
      duration = endTrace(id)
      outer = id
      const failed = startTrace('failing_op')
      endTrace(failed, {success: false})
    })
    expect(duration).to.be.a('number').and.greaterThan(0)
    expect(endTrace(outer)).to.equal(undefined)
    expect(endTrace('no-such-trace')).to.equal(undefined)

    const events = await spans()
    const custom = events.find((e) => e.name === 'custom_op')!
    const root = events.find((e) => e.name === 'outer')!
    expect(custom.spanId).to.equal(outer)
    expect(custom.parentSpanId).to.equal(root.spanId)
    expect(custom.durationMs).to.equal(duration)
    expect(custom.provider).to.equal('bitbucket')
    // A failure without an error has no known category: recorded as unknown, not guessed.
    expect(events.find((e) => e.name === 'failing_op')).to.include({errorCategory: 'unknown', success: false})
    expect(events.filter((e) => e.name === 'custom_op')).to.have.length(1)
  })

  it('@monitorPerformance traces class methods with `this` intact, and nests with the integration API', async function () {
    const cloner = new Cloner()
    const names = await monitorMgitOperation({name: 'clone_all', provider: 'github'}, () => Promise.all([cloner.clone('x'), cloner.clone('y')]))
    expect(names).to.deep.equal(['repo-x', 'repo-y'])
    expect(cloner.parse('abcd')).to.equal(4)
    expect(() => cloner.parse('')).to.throw(NotFound)

    const events = await spans()
    const parent = events.find((e) => e.name === 'clone_all')!
    const clones = events.filter((e) => e.name === 'clone_repo')
    expect(clones).to.have.length(2)
    for (const c of clones) expect(c).to.include({parentSpanId: parent.spanId, provider: 'github', success: true})
    expect(events.filter((e) => e.name === 'parse_config').map((e) => e.success)).to.deep.equal([true, false])
  })

  it('the package entry exports the tracing API', async function () {
    const entry = await import('../../src/index.js')
    expect([entry.traceOperation, entry.startTrace, entry.endTrace, entry.monitorPerformance]).to.deep.equal([traceOperation, startTrace, endTrace, monitorPerformance])
  })

  it('names that are not short identifiers are recorded as other (they become labels)', async function () {
    traceOperation('clone https://github.com/acme/x.git', () => {})
    expect((await spans()).map((e) => e.name)).to.deep.equal(['other'])
  })
})

import {expect} from 'chai'
import {setTimeout as sleep} from 'node:timers/promises'

import {currentContext, withCorrelation} from '../../src/correlation/context.js'
import {useCorrelationEnv} from '../helpers/correlation-env.js'

describe('correlation contexts (AsyncLocalStorage)', function () {
  useCorrelationEnv('cmd-run-1')

  it('has no context outside withCorrelation', function () {
    expect(currentContext()).to.equal(undefined)
  })

  it('keeps each of many interleaved concurrent tasks in its own context', async function () {
    const seen: Array<{task: number; repo: unknown; span: string}> = []
    const spans = new Map<number, string>()
    // Tasks wake up in an order unrelated to their start order, many times each.
    const tasks = Array.from({length: 20}, (_, task) =>
      withCorrelation({fields: {repo: `repo-${task}`}, operation: 'clone'}, async () => {
        spans.set(task, currentContext()!.spanId)
        for (let step = 0; step < 5; step++) {
          await sleep(((task * 7 + step * 3) % 11) + 1)
          const context = currentContext()!
          seen.push({repo: context.fields.repo, span: context.spanId, task})
        }
      }),
    )
    await Promise.all(tasks)
    expect(seen).to.have.length(100)
    // Prove the interleaving happened: consecutive records come from different tasks.
    expect(seen.some((record, i) => i > 0 && record.task !== seen[i - 1].task)).to.equal(true)
    for (const record of seen) {
      expect(record.repo).to.equal(`repo-${record.task}`)
      expect(record.span).to.equal(spans.get(record.task))
    }

    expect(new Set(spans.values()).size).to.equal(20)
  })

  it('gives nested work the command’s correlation ID, its own span and its parent’s span ID', async function () {
    await withCorrelation({operation: 'clone_all', provider: 'github'}, async () => {
      const outer = currentContext()!
      expect(outer.cid).to.equal('cmd-run-1')
      expect(outer.parentSpanId).to.equal(undefined)
      await withCorrelation({fields: {repo: 'api'}, operation: 'git.clone'}, async () => {
        await sleep(1)
        const inner = currentContext()!
        expect(inner.cid).to.equal('cmd-run-1')
        expect(inner.spanId).to.match(/^[0-9a-f]{16}$/)
        expect(inner.spanId).not.to.equal(outer.spanId)
        expect(inner.parentSpanId).to.equal(outer.spanId)
        expect(inner.provider).to.equal('github')
        expect(inner.operation).to.equal('git.clone')
      })
      expect(currentContext()).to.equal(outer)
    })
  })

  it('lets a nested context not override the command’s correlation ID', function () {
    withCorrelation({cid: 'root-given'}, () => {
      expect(currentContext()!.cid).to.equal('root-given')
      withCorrelation({cid: 'ignored'}, () => {
        expect(currentContext()!.cid).to.equal('root-given')
      })
    })
  })
})

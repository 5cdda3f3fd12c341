import {expect} from 'chai'
import {execa} from 'execa'
import {join} from 'node:path'

import {journalDir} from '../../src/journal/journal-options.js'
import {HostCli, PLUGIN_ROOT} from '../helpers/host-cli.js'
import {readAll} from '../helpers/journal-contents.js'

const EXAMPLE = join(PLUGIN_ROOT, 'build/examples/performance-tracing.js')

interface SpanLike {
  name: string
  spanId: string
  parentSpanId?: string
  success: boolean
  errorCategory: string
  provider?: string
}

describe('examples/performance-tracing.ts', function () {
  it('records nested spans that `mgit monitoring performance` then reports', async function () {
    const host = new HostCli()
    try {
      await host.linkPlugin()
      const result = await execa('node', [EXAMPLE], {env: {MGIT_CORRELATION_ID: 'trace-example', MGIT_DATA_DIR: host.dataDir}, reject: false})
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('synced 3 of 4')
      const spans = (await readAll(journalDir(host.dataDir))).events.filter((e) => e.type === 'span') as unknown as SpanLike[]
      const bulk = spans.find((s) => s.name === 'bulk_sync')!
      const children = spans.filter((s) => s.name === 'sync_repository')
      expect(children).to.have.length(4)
      expect(children.every((c) => c.parentSpanId === bulk.spanId && c.provider === 'github')).to.equal(true)
      expect(children.filter((c) => !c.success).map((c) => c.errorCategory)).to.deep.equal(['internal'])
      expect(spans.find((s) => s.name === 'write_summary')).to.include({success: true})

      const report = await host.run(['monitoring', 'performance', '--hours', '1', '--operation', 'span:sync_repository', '--json'])
      expect(report.exitCode, report.stderr).to.equal(0)
      const [operation] = (JSON.parse(report.stdout) as {operations: Array<{operation: string; provider: string; current: {count: number; successRate: number}}>}).operations
      expect(operation).to.deep.include({operation: 'span:sync_repository', provider: 'github'})
      expect(operation.current).to.include({count: 4, successRate: 0.75})
    } finally {
      host.cleanup()
    }
  })
})

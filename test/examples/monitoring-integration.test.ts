import {expect} from 'chai'
import {execa} from 'execa'
import {join} from 'node:path'

import {journalDir} from '../../src/journal/journal-options.js'
import {PLUGIN_ROOT} from '../helpers/host-cli.js'
import {readAll} from '../helpers/journal-contents.js'
import {makeTempDir} from '../helpers/temp-dir.js'

const EXAMPLE = join(PLUGIN_ROOT, 'build/examples/monitoring-integration.js')
const TOKEN = 'ghp_exampleexampleexampleexampleexample0'

describe('examples/monitoring-integration.ts', function () {
  it('runs, records linked events with one correlation ID, and logs without the token', async function () {
    const temp = makeTempDir()
    try {
      const result = await execa('node', [EXAMPLE], {env: {MGIT_CORRELATION_ID: 'example-run', MGIT_DATA_DIR: temp.path}, reject: false})
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('done, token ghp_***')
      const {events} = await readAll(journalDir(temp.path))
      expect(events.map((e) => e.type).sort()).to.deep.equal(['api_request', 'auth_attempt', 'git_operation', 'git_operation', 'span'])
      expect(new Set(events.map((e) => e.cid))).to.deep.equal(new Set(['example-run']))
      const byType = (type: string) => events.filter((e) => e.type === type) as unknown as Array<Record<string, unknown>>
      const [span] = byType('span')
      expect(span).to.include({name: 'clone_all', success: true})
      expect(byType('api_request')[0]).to.include({endpoint: '/orgs/{org}/repos', parentSpanId: span.spanId, status: 200})
      expect(byType('auth_attempt')[0]).to.include({parentSpanId: span.spanId, success: true})
      expect(byType('git_operation').map((e) => e.operation).sort()).to.deep.equal(['ls-remote', 'other'])
      const lines = result.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.map((l) => l.message)).to.include('clone_all succeeded')
      expect(lines.every((l) => l.correlationId === 'example-run')).to.equal(true)
      expect(result.stderr).not.to.contain(TOKEN.slice(4, 14))
    } finally {
      temp.cleanup()
    }
  })
})

import {expect} from 'chai'
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {journalCheck} from '../../../src/health/checks/journal.js'
import {JournalWriter} from '../../../src/journal/journal-writer.js'
import {journalOptions} from '../../../src/journal/journal-options.js'
import {runCheck} from '../../helpers/run-check.js'
import {useTempDir} from '../../helpers/use-temp-dir.js'

describe('journal check', function () {
  const dir = useTempDir('health-journal-')

  it('passes on a fresh data directory (creating the journal directory)', async function () {
    const result = await runCheck(journalCheck({dir: journalOptions(dir()).dir}))
    expect(result).to.include({observedValue: 0, status: 'pass'})
  })

  it('passes on a journal of valid events written by the real writer', async function () {
    const options = journalOptions(dir())
    const writer = new JournalWriter(options)
    for (let i = 0; i < 5; i++) writer.append({cmd: 'list', ts: Date.now(), type: 'command_start', v: 1})
    const result = await runCheck(journalCheck({dir: options.dir}))
    expect(result.status).to.equal('pass')
    expect(result.message).to.contain('5 event(s)')
  })

  it('warns when lines are corrupt, counting them', async function () {
    const options = journalOptions(dir())
    new JournalWriter(options).append({cmd: 'list', ts: Date.now(), type: 'command_start', v: 1})
    const [segment] = readdirSync(options.dir).filter((f) => f.endsWith('.jsonl'))
    writeFileSync(join(options.dir, segment), '{"torn\nnot json\n', {flag: 'a'})
    const result = await runCheck(journalCheck({dir: options.dir}))
    expect(result).to.include({observedUnit: 'corrupt lines', observedValue: 2, status: 'warn'})
    expect(result.recommendation).to.be.a('string')
  })

  it('fails when the journal directory cannot be created (a file is in the way)', async function () {
    mkdirSync(join(dir(), 'monitoring'))
    writeFileSync(join(dir(), 'monitoring', 'journal'), 'x')
    const result = await runCheck(journalCheck({dir: journalOptions(dir()).dir}))
    expect(result.status).to.equal('fail')
    expect(result.message).to.contain('not writable: not a directory')
  })

  it('scans only the newest segments within its byte budget', async function () {
    const journal = journalOptions(dir()).dir
    mkdirSync(journal, {recursive: true})
    writeFileSync(join(journal, 'events-20260101-000001.jsonl'), 'garbage\n'.repeat(100))
    writeFileSync(join(journal, 'events-20260102-000001.jsonl'), JSON.stringify({ts: 1, type: 'command_start', v: 1}) + '\n')
    expect((await runCheck(journalCheck({dir: journal, maxScanBytes: 100}))).status).to.equal('pass')
    expect((await runCheck(journalCheck({dir: journal, maxScanBytes: 10_000}))).status).to.equal('warn')
  })
})

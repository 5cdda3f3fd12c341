import {expect} from 'chai'
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {ApiRequestEvent, BaseEvent, GitOperationEvent} from '../../src/journal/event-types.js'
import {FakeGitHub} from '../helpers/fake-github.js'
import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli} from '../helpers/host-cli.js'

function apiEvents(events: BaseEvent[]): ApiRequestEvent[] {
  return events.filter((e): e is ApiRequestEvent => e.type === 'api_request')
}

function gitEvents(events: BaseEvent[]): GitOperationEvent[] {
  return events.filter((e): e is GitOperationEvent => e.type === 'git_operation')
}

describe('zero-code instrumentation of provider APIs and git (fixture clone-all, unchanged host code)', function () {
  let host: HostCli
  let source: string
  let github: FakeGitHub

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
    source = join(host.root, 'org')
    const names = await createBareRepos(source, 3)
    github = new FakeGitHub({pageSize: 2, repos: names.map((name) => ({cloneUrl: join(source, `${name}.git`), name}))})
    await github.start()
    // A self-hosted GitHub: the explicit type makes its host a provider host.
    writeFileSync(
      join(host.configDir, 'config.yaml'),
      ['global:', '  default_provider: work', 'providers:', '  work:', `    url: ${github.url}`, '    type: github', '    user: ci', ''].join('\n'),
    )
  })

  after(async function () {
    await github.stop()
    host.cleanup()
  })

  beforeEach(function () {
    host.clearJournal()
    github.requests.length = 0
  })

  it('records every API page and every git clone with real outcomes and one correlation ID', async function () {
    const target = join(host.root, 'api-clones')
    const result = await host.run(['clone-all', 'acme', target, '-c', '2'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.contain('Cloned 3, skipped 0, failed 0 of 3')
    const {events, ends, stats} = await host.journal()
    expect(stats.corrupt).to.equal(0)
    const cid = ends[0].cid

    const api = apiEvents(events)
    expect(api).to.have.length(2)
    for (const event of api) {
      expect(event).to.include({
        endpoint: '/orgs/{org}/repos', errorCategory: 'none', method: 'GET', provider: 'github', rateLimited: false, status: 200, statusClass: '2xx',
      })
      expect(event.durationMs).to.be.greaterThan(0)
      expect(event.spanId).to.match(/^[0-9a-f]{16}$/)
    }

    const git = gitEvents(events)
    expect(git).to.have.length(3)
    for (const event of git) {
      expect(event).to.include({errorCategory: 'none', exitCode: 0, operation: 'clone', provider: 'other', success: true})
      expect(event.durationMs).to.be.greaterThan(0)
    }

    expect(new Set(events.map((e) => e.cid))).to.deep.equal(new Set([cid]))
    // The ID reached the provider as a header, on every page.
    expect(github.requests.map((r) => r.headers['x-correlation-id'])).to.deep.equal([cid, cid])
    // The trace directory of the run is gone.
    const traceRoot = join(host.dataDir, 'monitoring', 'trace2')
    expect(existsSync(traceRoot) ? readdirSync(traceRoot) : []).to.deep.equal([])
  })

  it('records a rate-limited API call (403 with x-ratelimit-remaining: 0)', async function () {
    const limited = new FakeGitHub({rateLimited: true, repos: []})
    await limited.start()
    try {
      const result = await host.run(['clone-all', 'acme', join(host.root, 'limited'), '--provider', 'limited'], {
        env: {MGIT_CONFIG_DIR: configDirFor(host, 'limited', limited.url)},
      })
      expect(result.exitCode).to.equal(1)
      const {events, ends} = await host.journal()
      const [event] = apiEvents(events)
      expect(event).to.include({errorCategory: 'rate_limit', provider: 'github', rateLimited: true, status: 403, statusClass: '4xx'})
      expect(gitEvents(events)).to.have.length(0)
      expect(ends[0]).to.include({exitCode: 1, success: false})
    } finally {
      await limited.stop()
    }
  })

  it('records an API call that got no response as status 0, category network', async function () {
    const closed = new FakeGitHub({repos: []})
    await closed.start()
    const url = closed.url
    await closed.stop()
    const result = await host.run(['clone-all', 'acme', join(host.root, 'closed'), '--provider', 'closed'], {
      env: {MGIT_CONFIG_DIR: configDirFor(host, 'closed', url)},
    })
    expect(result.exitCode).to.equal(1)
    const [event] = apiEvents((await host.journal()).events)
    expect(event).to.include({errorCategory: 'network', provider: 'github', rateLimited: false, status: 0, statusClass: 'error'})
  })

  it('records git pull through pull-all (a second command, its own correlation ID)', async function () {
    const target = join(host.root, 'pull-clones')
    await host.run(['clone-all', 'acme', target, '--source', source])
    host.clearJournal()
    const result = await host.run(['pull-all', 'acme', target])
    expect(result.exitCode, result.stderr).to.equal(0)
    const {events, ends} = await host.journal()
    const git = gitEvents(events)
    expect(git.map((e) => e.operation)).to.deep.equal(['pull', 'pull', 'pull'])
    for (const event of git) expect(event).to.include({cid: ends[0].cid, exitCode: 0, success: true})
  })

  it('records git processes of a command that leaves with process.exit, skipping oclif’s finally', async function () {
    const result = await host.run(['exit-after-git', '--repo', join(source, 'repo-1.git')])
    expect(result.exitCode).to.equal(4)
    const git = gitEvents((await host.journal()).events)
    expect(git).to.have.length(1)
    expect(git[0]).to.include({exitCode: 0, operation: 'ls-remote', success: true})
    const traceRoot = join(host.dataDir, 'monitoring', 'trace2')
    expect(existsSync(traceRoot) ? readdirSync(traceRoot) : []).to.deep.equal([])
  })

  it('lets a nested mgit record its own git processes once, under the same correlation ID', async function () {
    const result = await host.run(['nested', '--repo', join(source, 'repo-1.git')])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.contain('nested exit 4')
    const {events, ends} = await host.journal()
    const git = gitEvents(events)
    expect(git).to.have.length(2)
    expect(new Set(git.map((e) => e.pid)).size).to.equal(2)
    for (const event of git) expect(event).to.include({cid: ends[0].cid, operation: 'ls-remote', success: true})
  })

  it('leaves a GIT_TRACE2_EVENT the user set alone, and records no git operations then', async function () {
    const mine = join(host.root, 'my-trace')
    mkdirSync(mine, {recursive: true})
    const result = await host.run(['clone-all', 'acme', join(host.root, 'user-trace'), '--source', source], {env: {GIT_TRACE2_EVENT: mine}})
    expect(result.exitCode).to.equal(0)
    expect(readdirSync(mine).length).to.be.greaterThan(0)
    expect(gitEvents((await host.journal()).events)).to.have.length(0)
  })
})

/** A config directory whose config.yaml names one GitHub-type provider at `url`. */
function configDirFor(host: HostCli, name: string, url: string): string {
  const dir = join(host.root, `config-${name}`)
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'config.yaml'), ['providers:', `  ${name}:`, `    url: ${url}`, '    type: github', ''].join('\n'))
  return dir
}

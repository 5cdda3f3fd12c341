import {expect} from 'chai'
import {createServer} from 'node:http'

import {currentContext} from '../../src/correlation/context.js'
import {HttpInstrumentation} from '../../src/instrumentation/http/http-instrumentation.js'
import {
  configureMonitoring,
  monitorAuthentication,
  monitorGitOperation,
  monitorMgitOperation,
  monitorProviderApiCall,
} from '../../src/integration/index.js'
import {defaultDataDir} from '../../src/integration/data-dir.js'
import type {ApiRequestEvent, AuthAttemptEvent, BaseEvent, GitOperationEvent, SpanEvent} from '../../src/journal/event-types.js'
import {journalDir} from '../../src/journal/journal-options.js'
import {useCorrelationEnv} from '../helpers/correlation-env.js'
import {readAll} from '../helpers/journal-contents.js'
import {makeTempDir} from '../helpers/temp-dir.js'

class HttpError extends Error {
  constructor(readonly status: number, readonly headers: Record<string, string> = {}) {
    super(`HTTP ${status}`)
  }
}

/** mgit-like code using the decorators (TS 5 standard decorators). */
class Provider {
  calls = 0

  @monitorProviderApiCall({endpoint: '/orgs/{org}/repos', provider: 'github'})
  async listRepos(status: number): Promise<{status: number; headers: Map<string, string>}> {
    this.calls++
    if (status >= 400) throw new HttpError(status, {'x-ratelimit-remaining': '0'})
    return {headers: new Map([['x-ratelimit-remaining', '10']]), status}
  }

  @monitorAuthentication({provider: 'github'})
  async login(ok: boolean): Promise<boolean> {
    return ok
  }

  @monitorMgitOperation({name: 'clone_all', provider: 'github'})
  async cloneAll(repos: string[]): Promise<string[]> {
    return Promise.all(repos.map((repo) => monitorGitOperation({operation: 'clone', url: `https://github.com/acme/${repo}.git`}, async () => ({exitCode: 0, repo}))).map(async (p) => (await p).repo))
  }
}

describe('integration API: wrappers and decorators record real outcomes', function () {
  let temp: ReturnType<typeof makeTempDir>
  useCorrelationEnv('api-test-run')

  beforeEach(function () {
    temp = makeTempDir()
    configureMonitoring({dataDir: temp.path})
  })

  afterEach(function () {
    temp.cleanup()
    configureMonitoring({})
  })

  async function events<T extends BaseEvent>(type: string): Promise<T[]> {
    return (await readAll(journalDir(temp.path))).events.filter((e): e is T => e.type === type)
  }

  it('records a git operation with the exit code execa reports, and re-throws the very same error', async function () {
    const failure = Object.assign(new Error('Command failed with exit code 128: git clone https://x:ghp_secret@github.com/a/b'), {
      command: 'git clone https://github.com/a/b',
      exitCode: 128,
    })
    let caught: unknown
    try {
      await monitorGitOperation({operation: 'clone', url: 'https://github.com/a/b.git'}, async () => {
        throw failure
      })
    } catch (error) {
      caught = error
    }

    expect(caught).to.equal(failure)
    const [event] = await events<GitOperationEvent>('git_operation')
    expect(event).to.include({cid: 'api-test-run', errorCategory: 'git', exitCode: 128, operation: 'clone', provider: 'github', success: false})
    expect(JSON.stringify(event)).not.to.contain('secret')
  })

  it('records -1 (unknown), not an invented exit code, when a failure carries none', async function () {
    await monitorGitOperation({operation: 'fetch'}, async () => {
      throw Object.assign(new Error('spawn git ENOENT'), {code: 'ENOENT'})
    }).catch(() => {})
    const [event] = await events<GitOperationEvent>('git_operation')
    expect(event).to.include({errorCategory: 'filesystem', exitCode: -1, success: false})
  })

  it('records API calls through the decorator: status, rate limit, duration', async function () {
    const provider = new Provider()
    expect((await provider.listRepos(200)).status).to.equal(200)
    let caught: unknown
    await provider.listRepos(403).catch((error: unknown) => {
      caught = error
    })
    expect(caught).to.be.instanceOf(HttpError)
    expect(provider.calls).to.equal(2)
    const [ok, limited] = await events<ApiRequestEvent>('api_request')
    expect(ok).to.include({endpoint: '/orgs/{org}/repos', errorCategory: 'none', method: 'GET', provider: 'github', rateLimited: false, status: 200, statusClass: '2xx'})
    expect(limited).to.include({errorCategory: 'rate_limit', rateLimited: true, status: 403, statusClass: '4xx'})
    expect(ok.durationMs).to.be.at.least(0)
  })

  it('records a call that resolved without any status as a span, not an invented status', async function () {
    await monitorProviderApiCall({endpoint: '/orgs/acme/repos', provider: 'bitbucket'}, async () => ['repo'])
    expect(await events('api_request')).to.have.length(0)
    const [span] = await events<SpanEvent>('span')
    expect(span).to.include({name: 'api:/orgs/{org}/repos', provider: 'bitbucket', success: true})
  })

  it('records authentication: true, false and thrown', async function () {
    const provider = new Provider()
    await provider.login(true)
    await provider.login(false)
    await monitorAuthentication({provider: 'azuredevops'}, async () => {
      throw new HttpError(401)
    }).catch(() => {})
    const attempts = await events<AuthAttemptEvent>('auth_attempt')
    expect(attempts.map((a) => [a.provider, a.success, a.errorCategory])).to.deep.equal([
      ['github', true, 'none'],
      ['github', false, 'auth'],
      ['azuredevops', false, 'auth'],
    ])
  })

  it('nests spans: clone_all is the parent of each concurrent git clone, all with one correlation ID', async function () {
    const repos = await new Provider().cloneAll(['a', 'b', 'c'])
    expect(repos).to.deep.equal(['a', 'b', 'c'])
    const [span] = await events<SpanEvent>('span')
    const clones = await events<GitOperationEvent>('git_operation')
    expect(span).to.include({cid: 'api-test-run', name: 'clone_all', provider: 'github', success: true})
    expect(span.parentSpanId).to.equal(undefined)
    expect(clones).to.have.length(3)
    for (const clone of clones) {
      expect(clone).to.include({cid: 'api-test-run', exitCode: 0, parentSpanId: span.spanId, provider: 'github', success: true})
    }

    expect(new Set(clones.map((c) => c.spanId)).size).to.equal(3)
  })

  it('keeps the wrapped function’s context for code inside it', async function () {
    await monitorMgitOperation('list', async () => {
      expect(currentContext()!.operation).to.equal('list')
    })
  })

  it('records a fetch inside monitorProviderApiCall once, even with the zero-code instrumentation on', async function () {
    const server = createServer((_request, response) => {
      response.writeHead(200)
      response.end('[]')
    })
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve)
    })
    const zeroCode: ApiRequestEvent[] = []
    const instrumentation = new HttpInstrumentation({configuredHosts: () => new Map(), sink: (e) => zeroCode.push(e)})
    instrumentation.start()
    try {
      const url = `http://127.0.0.1:${(server.address() as {port: number}).port}/user`
      const response = await monitorProviderApiCall({endpoint: '/user', provider: 'github'}, () => fetch(url))
      await response.text()
      await (await fetch(url)).text()
    } finally {
      instrumentation.stop()
      server.close()
    }

    expect(zeroCode).to.have.length(1)
    const recorded = await events<ApiRequestEvent>('api_request')
    expect(recorded).to.have.length(1)
    expect(recorded[0]).to.include({endpoint: '/user', provider: 'github', status: 200})
  })

  it('resolves mgit’s data directory as oclif does', function () {
    expect(defaultDataDir({MGIT_DATA_DIR: '/d'}, 'linux', '/home/u')).to.equal('/d')
    expect(defaultDataDir({XDG_DATA_HOME: '/x'}, 'linux', '/home/u')).to.equal('/x/mgit')
    expect(defaultDataDir({}, 'linux', '/home/u')).to.equal('/home/u/.local/share/mgit')
    expect(defaultDataDir({}, 'darwin', '/Users/u')).to.equal('/Users/u/.local/share/mgit')
  })
})

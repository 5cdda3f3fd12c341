/**
 * How mgit's own code uses the integration API: decorators on provider and git methods, the
 * wrapper form for one-off work, correlation contexts and the structured logger.
 *
 * Runs offline: a loopback server stands in for the GitHub API and git works on a local bare
 * repository. Usage (after `npm run build` and compiling the examples):
 *   MGIT_DATA_DIR=/tmp/mgit-example node build/examples/monitoring-integration.js
 * Events go to the journal under $MGIT_DATA_DIR/monitoring/journal, log lines to stderr.
 */
import {
  configureMonitoring,
  getStructuredLogger,
  maskString,
  monitorAuthentication,
  monitorGitOperation,
  monitorMgitOperation,
  monitorProviderApiCall,
  withCorrelation,
} from '@mgit/plugin-monitoring'
import {execa} from 'execa'
import {mkdtempSync, rmSync} from 'node:fs'
import {type Server, createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const log = getStructuredLogger('mgit.example')

interface Repository {
  name: string
  cloneUrl: string
}

class GitHubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Resolving to false records a refused login; a throw records its category. */
  @monitorAuthentication({provider: 'github'})
  async authenticate(): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/user`, {headers: {authorization: `token ${this.token}`}})
    return response.ok
  }

  /** The fetch Response carries the status: the event gets it (and rate limiting) from there. */
  @monitorProviderApiCall({endpoint: '/orgs/{org}/repos', provider: 'github'})
  async listRepositoriesResponse(org: string): Promise<Response> {
    return fetch(`${this.baseUrl}/orgs/${org}/repos`, {headers: {authorization: `token ${this.token}`}})
  }
}

class Git {
  /** execa's result and error carry `exitCode`: the event records the real one. */
  @monitorGitOperation({operation: 'ls-remote'})
  async lsRemote(url: string): Promise<{exitCode?: number; stdout: string}> {
    return execa('git', ['ls-remote', url])
  }
}

async function fakeGitHub(repos: Repository[]): Promise<Server> {
  const server = createServer((request, response) => {
    const authorized = request.headers.authorization === 'token ghp_exampleexampleexampleexampleexample0'
    if (!authorized) {
      response.writeHead(401).end()
      return
    }

    response.writeHead(200, {'content-type': 'application/json'})
    response.end(request.url === '/user' ? '{"login":"ci"}' : JSON.stringify(repos.map((r) => ({clone_url: r.cloneUrl, name: r.name}))))
  })
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  return server
}

export async function main(): Promise<void> {
  // Optional: the default is mgit's data directory (MGIT_DATA_DIR, else ~/.local/share/mgit).
  if (process.env.MGIT_DATA_DIR) configureMonitoring({dataDir: process.env.MGIT_DATA_DIR})
  const work = mkdtempSync(join(tmpdir(), 'mgit-example-'))
  const bare = join(work, 'api.git')
  // The wrapper form, for one-off work: records an `other` git operation.
  await monitorGitOperation({operation: 'init'}, () => execa('git', ['init', '--quiet', '--bare', bare]))
  const server = await fakeGitHub([{cloneUrl: bare, name: 'api'}])
  const token = 'ghp_exampleexampleexampleexampleexample0'
  const baseUrl = `http://127.0.0.1:${(server.address() as {port: number}).port}`
  try {
    await monitorMgitOperation({name: 'clone_all', provider: 'github'}, async () => {
      const github = new GitHubClient(baseUrl, token)
      const handle = log.operationStart('clone_all', {org: 'acme'})
      if (!(await github.authenticate())) {
        log.security('authentication_refused', {provider: 'github', token})
        throw new Error('authentication failed')
      }

      const response = await github.listRepositoriesResponse('acme')
      const repos = (await response.json()) as Array<{name: string; clone_url: string}>
      const git = new Git()
      // Each repository in its own correlation context: its log lines carry its name and span.
      await Promise.all(
        repos.map((repo) =>
          withCorrelation({fields: {repository: repo.name}}, async () => {
            const result = await git.lsRemote(repo.clone_url)
            log.info('remote listed', {exitCode: result.exitCode})
          }),
        ),
      )
      // The token never reaches a log line, whatever field or text it is in.
      log.info(`listed ${repos.length} repositories with Authorization: token ${token}`)
      log.operationEnd(handle, {repositories: repos.length, success: true})
    })
    process.stdout.write(`${maskString(`done, token ${token}`)}\n`)
  } finally {
    server.close()
    rmSync(work, {force: true, recursive: true})
  }
}

await main()

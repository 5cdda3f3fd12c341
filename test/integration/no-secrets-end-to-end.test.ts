import {expect} from 'chai'
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {GitOperationEvent} from '../../src/journal/event-types.js'
import {FakeGitHub} from '../helpers/fake-github.js'
import {createBareRepos} from '../helpers/git-repos.js'
import {HostCli} from '../helpers/host-cli.js'

// Fake but well-formed: each would be caught by its format alone, so the test proves nothing
// is written at all, not merely that masking happened to work.
const URL_TOKEN = 'ghp_' + 'U1rlT0kenInConfigUrl00000000000000000'.slice(0, 36)
const FLAG_TOKEN = 'ghp_' + 'F1agT0kenOnTheCommandLine000000000000'.slice(0, 36)
const GIT_URL_TOKEN = 'ghp_' + 'G1tCl0neUrlT0ken00000000000000000000'.slice(0, 36)
const SECRETS = [URL_TOKEN, FLAG_TOKEN, GIT_URL_TOKEN]

/** Every file under `dir` (names and contents), as one string. */
function everything(dir: string): string {
  const parts: string[] = []
  for (const entry of readdirSync(dir, {recursive: true}) as string[]) {
    const path = join(dir, entry)
    parts.push(entry)
    if (statSync(path).isFile()) parts.push(readFileSync(path, 'utf8'))
  }

  return parts.join('\n')
}

describe('no secret anywhere after a run with tokens in URLs, flags and headers', function () {
  let host: HostCli
  let github: FakeGitHub

  before(async function () {
    host = new HostCli()
    await host.linkPlugin()
    const source = join(host.root, 'org')
    const names = await createBareRepos(source, 2)
    github = new FakeGitHub({repos: names.map((name) => ({cloneUrl: join(source, `${name}.git`), name}))})
    await github.start()
    // One repository is cloned over HTTP with the token in its URL; the server refuses it.
    github.addRepo({cloneUrl: `${github.url.replace('://', `://x-access-token:${GIT_URL_TOKEN}@`)}/acme/private.git`, name: 'private'})
    writeFileSync(
      join(host.configDir, 'config.yaml'),
      ['providers:', '  work:', `    url: ${github.url.replace('://', `://ci:${URL_TOKEN}@`)}`, '    type: github', ''].join('\n'),
    )
  })

  after(async function () {
    await github.stop()
    host.cleanup()
  })

  it('keeps the journal, the data directory, the metrics output and the hooks’ output free of every token', async function () {
    const target = join(host.root, 'clones')
    const run = await host.run(['clone-all', 'acme', target, '--provider', 'work', '--token', FLAG_TOKEN])
    // Two clones succeed, the HTTP one fails: a real mixed outcome.
    expect(run.exitCode).to.equal(1)
    expect(run.stdout).to.contain('Cloned 2, skipped 0, failed 1 of 3')
    // The tokens really went out: in the Authorization header the fixture sent, and to git.
    expect(github.requests[0].headers.authorization).to.equal(`token ${FLAG_TOKEN}`)
    expect(github.requests.some((r) => r.url.includes('/acme/private.git'))).to.equal(true)

    const {events, ends} = await host.journal()
    const git = events.filter((e): e is GitOperationEvent => e.type === 'git_operation')
    expect(git).to.have.length(3)
    const failed = git.filter((e) => !e.success)
    expect(failed).to.have.length(1)
    expect(failed[0]).to.include({errorCategory: 'auth', exitCode: 128, operation: 'clone', provider: 'github'})
    expect(new Set(events.map((e) => e.cid))).to.deep.equal(new Set([ends[0].cid]))

    const metricsText = await host.run(['monitoring', 'metrics'])
    const metricsJson = await host.run(['monitoring', 'metrics', '--json'])
    expect(metricsText.exitCode, metricsText.stderr).to.equal(0)
    const haystack = [
      everything(host.dataDir),
      run.stdout,
      run.stderr,
      metricsText.stdout,
      metricsText.stderr,
      metricsJson.stdout,
      metricsJson.stderr,
    ].join('\n')
    for (const secret of SECRETS) {
      expect(haystack).not.to.contain(secret)
      // Not even a recognisable piece of one.
      expect(haystack).not.to.contain(secret.slice(4, 16))
    }
  })
})

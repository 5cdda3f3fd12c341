import {expect} from 'chai'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {loadProviderConfig} from '../../src/health/provider-config.js'
import {TOKENS} from '../helpers/fake-tokens.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

describe('provider config (mgit config.yaml)', function () {
  const dir = useTempDir('health-config-')

  const load = (yaml: string): ReturnType<typeof loadProviderConfig> => {
    writeFileSync(join(dir(), 'config.yaml'), yaml)
    return loadProviderConfig(dir())
  }

  it('derives the type and the API base from the cloud URLs', async function () {
    const config = await load([
      'providers:',
      '  gh: {url: "https://github.com/acme", user: bob, token: t1}',
      '  ado: {url: "https://dev.azure.com/acme/", user: bob, token: t2}',
      '  vs: {url: "https://acme.visualstudio.com", token: t3}',
      '  bb: {url: "https://bitbucket.org/acme", user: bob, token: t4, workspace: acme}',
      'global: {default_provider: gh}',
    ].join('\n'))
    expect(config.problems).to.deep.equal([])
    const summary = config.providers.map((p) => [p.name, p.type, p.apiBase.href, p.cloud])
    expect(summary).to.deep.equal([
      ['gh', 'github', 'https://api.github.com/', true],
      ['ado', 'azuredevops', 'https://dev.azure.com/acme', true],
      ['vs', 'azuredevops', 'https://acme.visualstudio.com/', true],
      ['bb', 'bitbucket', 'https://api.bitbucket.org/', true],
    ])
    expect(config.providers[3].workspace).to.equal('acme')
    expect(config.secrets).to.have.members(['t1', 't2', 't3', 't4'])
  })

  it('takes self-hosted servers with an explicit type', async function () {
    const config = await load([
      'providers:',
      '  ghe: {url: "https://git.corp.example", type: github, token: t}',
      '  ghe3: {url: "https://git.corp.example/api/v3", type: GitHub, token: t}',
      '  tfs: {url: "https://tfs.corp.example/tfs/DefaultCollection", type: azure-devops, token: t}',
      '  bbdc: {url: "https://bitbucket.corp.example", type: bitbucket, user: bob, token: t}',
    ].join('\n'))
    expect(config.providers.map((p) => [p.name, p.type, p.apiBase.href, p.cloud])).to.deep.equal([
      ['ghe', 'github', 'https://git.corp.example/api/v3', false],
      ['ghe3', 'github', 'https://git.corp.example/api/v3', false],
      ['tfs', 'azuredevops', 'https://tfs.corp.example/tfs/DefaultCollection', false],
      ['bbdc', 'bitbucket', 'https://bitbucket.corp.example/', false],
    ])
  })

  it('reports a self-hosted URL without a type, an unknown type, a missing URL and a bad api_url as findings', async function () {
    const config = await load([
      'providers:',
      '  a: {url: "https://git.corp.example/x", token: t}',
      '  b: {url: "https://github.com/x", type: gitlab}',
      '  c: {token: t}',
      '  d: {url: "https://github.com/x", api_url: "not a url"}',
      '  e: just a string',
    ].join('\n'))
    expect(config.providers).to.deep.equal([])
    expect(config.problems.map((p) => [p.name, p.message])).to.deep.equal([
      ['a', 'self-hosted URL git.corp.example needs an explicit type'],
      ['b', 'unknown type "gitlab"'],
      ['c', 'missing or invalid url'],
      ['d', 'invalid api_url'],
      ['e', 'entry is not a mapping'],
    ])
  })

  it('honours api_url and strips credentials from URLs, keeping them as secrets to mask', async function () {
    const config = await load(`providers:\n  gh:\n    url: "https://bob:${TOKENS.github}@github.com/acme"\n    api_url: "http://127.0.0.1:9/api?x=1"\n`)
    const [gh] = config.providers
    expect(gh.apiBase.href).to.equal('http://127.0.0.1:9/api')
    expect(gh.url).to.equal('https://github.com/acme')
    expect(config.secrets).to.include(TOKENS.github)
  })

  it('reports a missing file as a warning and never throws', async function () {
    const config = await loadProviderConfig(join(dir(), 'nowhere'))
    expect(config.fileProblem?.status).to.equal('warn')
    expect(config.fileProblem?.message).to.contain('no mgit config at')
  })

  it('reports an unreadable path (a directory named config.yaml) as a failure', async function () {
    mkdirSync(join(dir(), 'config.yaml'))
    const config = await loadProviderConfig(dir())
    expect(config.fileProblem?.status).to.equal('fail')
    expect(config.fileProblem?.message).to.contain('cannot read')
  })

  it('reports malformed YAML with its position and without the offending line', async function () {
    const config = await load(`providers:\n  gh:\n    token: ${TOKENS.github}\n     url: [unclosed\n`)
    expect(config.fileProblem?.status).to.equal('fail')
    expect(config.fileProblem?.message).to.match(/not valid YAML at line \d+, column \d+ \([A-Z_]+\)$/)
    expect(config.fileProblem?.message).not.to.contain(TOKENS.github)
  })

  it('reports providers that are not a mapping', async function () {
    const config = await load('providers:\n  - github\n')
    expect(config.fileProblem?.status).to.equal('fail')
  })
})

import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {endpointTemplate} from '../../src/instrumentation/http/endpoint-template.js'
import {configuredProviderHosts, providerOfUrl} from '../../src/instrumentation/http/provider-hosts.js'
import {makeTempDir} from '../helpers/temp-dir.js'

describe('endpoint templates and provider hosts', function () {
  const cases: Array<[string, string]> = [
    ['/user', '/user'],
    ['/orgs/acme/repos?per_page=100&page=2', '/orgs/{org}/repos'],
    ['/api/v3/orgs/acme/repos', '/orgs/{org}/repos'],
    ['/repos/acme/api/', '/repos/{owner}/{repo}'],
    ['/acme/_apis/projects?api-version=7.1', '/{org}/_apis/projects'],
    ['/acme/web/_apis/git/repositories', '/{org}/{project}/_apis/git/repositories'],
    ['/2.0/repositories/acme?pagelen=100', '/2.0/repositories/{workspace}'],
    ['/2.0/repositories/acme/api', '/2.0/repositories/{workspace}/{repo}'],
    ['/acme/api.git/info/refs?service=git-upload-pack', 'other'],
    ['/some/unknown/deep/path/ghp_abc', 'other'],
  ]
  for (const [path, template] of cases) {
    it(`${path} → ${template}`, function () {
      expect(endpointTemplate(path)).to.equal(template)
    })
  }

  it('infers providers from well-known hosts, never from a look-alike', function () {
    expect(providerOfUrl('https://x:y@api.github.com/user')).to.equal('github')
    expect(providerOfUrl('git@github.com:acme/api.git')).to.equal('github')
    expect(providerOfUrl('https://acme.visualstudio.com/_git/api')).to.equal('azuredevops')
    expect(providerOfUrl('https://dev.azure.com/acme')).to.equal('azuredevops')
    expect(providerOfUrl('https://api.bitbucket.org/2.0/user')).to.equal('bitbucket')
    expect(providerOfUrl('https://github.com.evil.example/x')).to.equal('other')
    expect(providerOfUrl('/srv/git/api.git')).to.equal('other')
  })

  it('maps self-hosted provider hosts from config.yaml, keeping nothing but host and type', function () {
    const temp = makeTempDir()
    try {
      writeFileSync(
        join(temp.path, 'config.yaml'),
        [
          '# mgit config',
          'global:',
          '  default_provider: ghe',
          'providers:',
          '  ghe:',
          '    url: "https://ci:secret@github.acme.internal"',
          '    token: ghp_notread',
          '    type: github',
          '  ado:',
          '    url: https://dev.azure.com/acme',
          '  bbdc:',
          '    url: https://bitbucket.acme.internal:7990',
          '    api_url: https://bitbucket-api.acme.internal',
          '    type: bitbucket',
          '  untyped:',
          '    url: https://git.acme.internal',
          '',
        ].join('\n'),
      )
      const hosts = configuredProviderHosts(temp.path)
      expect(Object.fromEntries(hosts)).to.deep.equal({
        'bitbucket-api.acme.internal': 'bitbucket',
        'bitbucket.acme.internal:7990': 'bitbucket',
        'dev.azure.com': 'azuredevops',
        'github.acme.internal': 'github',
      })
      expect(providerOfUrl('https://github.acme.internal/api/v3/user', hosts)).to.equal('github')
      expect(configuredProviderHosts(join(temp.path, 'missing')).size).to.equal(0)
    } finally {
      temp.cleanup()
    }
  })
})

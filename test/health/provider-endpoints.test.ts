import {expect} from 'chai'

import type {Provider} from '../../src/health/provider-config.js'
import {authRequest, reachabilityUrl} from '../../src/health/provider-endpoints.js'

const provider = (type: Provider['type'], apiBase: string, cloud: boolean, user?: string): Provider => ({
  apiBase: new URL(apiBase),
  cloud,
  name: 'p',
  type,
  url: apiBase,
  ...(user === undefined ? {} : {user}),
})

const basic = (user: string, secret: string): string => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64')

describe('provider endpoints', function () {
  it('keeps the base path of self-hosted servers', function () {
    expect(authRequest(provider('github', 'https://ghe.example/api/v3', false), 't').url.href).to.equal('https://ghe.example/api/v3/user')
    expect(reachabilityUrl(provider('github', 'https://ghe.example/api/v3', false)).href).to.equal('https://ghe.example/api/v3/meta')
    expect(authRequest(provider('azuredevops', 'https://tfs.example/tfs/DefaultCollection', false), 't').url.href).to.equal('https://tfs.example/tfs/DefaultCollection/_apis/connectionData')
  })

  it('uses the Bitbucket Data Center REST API off bitbucket.org', function () {
    const dc = provider('bitbucket', 'https://bb.example/bitbucket', false, 'bob smith')
    expect(reachabilityUrl(dc).href).to.equal('https://bb.example/bitbucket/rest/api/1.0/application-properties')
    const request = authRequest(dc, 'secret')
    expect(request.url.href).to.equal('https://bb.example/bitbucket/rest/api/1.0/users/bob%20smith')
    expect(request.headers.authorization).to.equal(basic('bob smith', 'secret'))
    expect(authRequest(provider('bitbucket', 'https://bb.example', false), 'secret').headers.authorization).to.equal('Bearer secret')
  })

  it('authenticates each cloud as documented', function () {
    expect(authRequest(provider('github', 'https://api.github.com', true), 'ghp_x').headers.authorization).to.equal('token ghp_x')
    expect(authRequest(provider('azuredevops', 'https://dev.azure.com/acme', true), 'pat').headers.authorization).to.equal(basic('', 'pat'))
    const bb = authRequest(provider('bitbucket', 'https://api.bitbucket.org', true, 'bob'), 'app')
    expect(bb.url.href).to.equal('https://api.bitbucket.org/2.0/user')
    expect(bb.headers.authorization).to.equal(basic('bob', 'app'))
  })
})

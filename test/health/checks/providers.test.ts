import {expect} from 'chai'

import {providersCheck} from '../../../src/health/checks/providers.js'
import {TOKENS} from '../../helpers/fake-tokens.js'
import {type ProviderScenario, PROVIDER_SCENARIOS, threeProviderConfig, useThreeProviders} from '../../helpers/provider-api-server.js'
import {runProviderCheck, statusOf} from '../../helpers/provider-check-run.js'

// Anonymous probes: an API asking for credentials (401) answers all the same.
const EXPECTED: Record<ProviderScenario, {status: string; message: RegExp}> = {
  down: {message: /connection refused/, status: 'fail'},
  invalid: {message: /API answers/, status: 'pass'},
  'rate-limited': {message: /rate limited/, status: 'warn'},
  slow: {message: /timed out after 800 ms/, status: 'fail'},
  valid: {message: /API answers/, status: 'pass'},
}

describe('providers check', function () {
  for (const scenario of PROVIDER_SCENARIOS) {
    describe(`with every provider ${scenario}`, function () {
      const fakes = useThreeProviders(scenario, TOKENS)

      it(`reports each provider ${EXPECTED[scenario].status}`, async function () {
        const {elapsed, result} = await runProviderCheck((s) => providersCheck(s), threeProviderConfig(fakes(), TOKENS))
        for (const component of ['gh', 'ado', 'bb']) {
          expect(statusOf(result, component), JSON.stringify(result.details)).to.equal(EXPECTED[scenario].status)
          expect(result.details?.find((d) => d.component === component)?.message).to.match(EXPECTED[scenario].message)
        }

        expect(result.status).to.equal(EXPECTED[scenario].status)
        expect(elapsed).to.be.below(3000)
      })
    })
  }

  describe('requests', function () {
    const fakes = useThreeProviders('valid', TOKENS)

    it('asks each API its reachability endpoint without credentials', async function () {
      await runProviderCheck((s) => providersCheck(s), threeProviderConfig(fakes(), TOKENS))
      expect(fakes().github.requests).to.deep.equal([{method: 'GET', path: '/meta'}])
      expect(fakes().azure.requests).to.deep.equal([{method: 'GET', path: '/acme/_apis/connectionData'}])
      expect(fakes().bitbucket.requests).to.deep.equal([{method: 'GET', path: '/2.0/user'}])
    })

    it('warns on an unexpected answer (a wrong base URL)', async function () {
      const yaml = `providers:\n  gh:\n    url: https://github.com/acme\n    api_url: ${fakes().github.apiUrl}/wrong\n`
      const {result} = await runProviderCheck((s) => providersCheck(s), yaml)
      expect(statusOf(result, 'gh')).to.equal('warn')
      expect(result.details?.[0].message).to.contain('unexpected answer HTTP 404')
    })
  })

  describe('config findings', function () {
    it('warns when mgit has no config file', async function () {
      const {result} = await runProviderCheck((s) => providersCheck(s), undefined)
      expect(result.status).to.equal('warn')
      expect(result.message).to.match(/^no mgit config at .*config\.yaml$/)
      expect(result.recommendation).to.contain('MGIT_CONFIG_DIR')
    })

    it('fails on malformed YAML without echoing the file', async function () {
      const {result} = await runProviderCheck((s) => providersCheck(s), `providers:\n  gh: {url: https://github.com/a, token: ${TOKENS.github}\n  bad: [\n`)
      expect(result.status).to.equal('fail')
      expect(result.message).to.match(/is not valid YAML at line \d+, column \d+/)
      expect(JSON.stringify(result)).not.to.contain(TOKENS.github)
    })

    it('fails a self-hosted provider without a type, and checks the others', async function () {
      const yaml = 'providers:\n  ghe:\n    url: https://git.corp.example/api/v3\n    token: abcd1234\n'
      const {result} = await runProviderCheck((s) => providersCheck(s), yaml)
      expect(statusOf(result, 'ghe')).to.equal('fail')
      expect(result.details?.[0].message).to.contain('needs an explicit type')
      expect(result.recommendation).to.contain('providers.ghe.type')
    })

    it('warns when no provider is configured', async function () {
      const {result} = await runProviderCheck((s) => providersCheck(s), 'global:\n  default_provider: gh\n')
      expect(result.status).to.equal('warn')
      expect(result.message).to.contain('no providers')
    })
  })
})

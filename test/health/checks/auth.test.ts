import {expect} from 'chai'
import {authCheck, parseGitHubExpiry} from '../../../src/health/checks/auth.js'
import {ALL_TOKENS, TOKENS} from '../../helpers/fake-tokens.js'
import {type FakeProvider, type ProviderScenario, PROVIDER_SCENARIOS, startProviderApi, threeProviderConfig, useThreeProviders} from '../../helpers/provider-api-server.js'
import {runProviderCheck, statusOf} from '../../helpers/provider-check-run.js'

const TIMEOUT_MS = 1000

const EXPECTED: Record<ProviderScenario, {status: string; message: RegExp}> = {
  down: {message: /connection refused/, status: 'fail'},
  invalid: {message: /token rejected \(HTTP 401\)/, status: 'fail'},
  'rate-limited': {message: /rate limited \(HTTP (403|429), retry in \d+ s\)/, status: 'warn'},
  slow: {message: /timed out after 800 ms/, status: 'fail'},
  valid: {message: /authenticated as/, status: 'pass'},
}

describe('auth check', function () {
  for (const scenario of PROVIDER_SCENARIOS) {
    describe(`with every provider ${scenario}`, function () {
      const fakes = useThreeProviders(scenario, TOKENS)

      it(`reports each provider ${EXPECTED[scenario].status}, with no token in the result`, async function () {
        const {elapsed, result} = await runProviderCheck((s) => authCheck(s), threeProviderConfig(fakes(), TOKENS))
        for (const component of ['gh', 'ado', 'bb']) {
          const detail = result.details?.find((d) => d.component === component)
          expect(detail?.status, `${component}: ${detail?.message}`).to.equal(EXPECTED[scenario].status)
          expect(detail?.message).to.match(EXPECTED[scenario].message)
          if (scenario !== 'valid') expect(detail?.recommendation).to.be.a('string')
        }

        expect(result.status).to.equal(EXPECTED[scenario].status)
        // Requests time out at 80% of the check's timeout; generous bound for a loaded machine.
        expect(elapsed).to.be.below(TIMEOUT_MS + 2000)
        const text = JSON.stringify(result)
        for (const token of ALL_TOKENS) expect(text).not.to.contain(token)
        expect(text).not.to.match(/Basic [A-Za-z0-9+/=]{8,}|token ghp_/)
      })
    })
  }

  describe('on the wire', function () {
    const fakes = useThreeProviders('valid', TOKENS)

    it('authenticates as each provider documents: GitHub token, Azure DevOps Basic :PAT, Bitbucket Basic user:app-password', async function () {
      await runProviderCheck((s) => authCheck(s), threeProviderConfig(fakes(), TOKENS))
      expect(fakes().github.requests).to.deep.include({authorization: `token ${TOKENS.github}`, method: 'GET', path: '/user'})
      const basic = (user: string, secret: string): string => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64')
      expect(fakes().azure.requests).to.deep.include({authorization: basic('', TOKENS.azure), method: 'GET', path: '/acme/_apis/connectionData'})
      expect(fakes().bitbucket.requests).to.deep.include({authorization: basic('bob', TOKENS.bitbucket), method: 'GET', path: '/2.0/user'})
    })

    it('reports the GitHub scopes and the identity', async function () {
      const {result} = await runProviderCheck((s) => authCheck(s), threeProviderConfig(fakes(), TOKENS))
      const gh = result.details?.find((d) => d.component === 'gh')
      expect(gh?.message).to.contain('authenticated as octocat').and.to.contain('scopes: repo, read:org')
      expect(result.details?.find((d) => d.component === 'ado')?.message).to.contain('Jamal Hartnett')
      expect(result.details?.find((d) => d.component === 'bb')?.message).to.contain('authenticated as bob')
    })

    it('rejects a token the provider does not know (wrong token for a live provider)', async function () {
      const wrong = {...TOKENS, github: 'ghp_' + 'w'.repeat(36)}
      const {result} = await runProviderCheck((s) => authCheck(s), threeProviderConfig(fakes(), wrong))
      expect(statusOf(result, 'gh')).to.equal('fail')
      expect(statusOf(result, 'ado')).to.equal('pass')
      expect(JSON.stringify(result)).not.to.contain('w'.repeat(36))
    })

    it('warns on a provider without a token', async function () {
      const yaml = `providers:\n  gh:\n    url: https://github.com/acme\n    api_url: ${fakes().github.apiUrl}\n`
      const {result} = await runProviderCheck((s) => authCheck(s), yaml)
      expect(statusOf(result, 'gh')).to.equal('warn')
      expect(result.details?.[0].message).to.equal('no token configured')
    })
  })

  describe('token expiry', function () {
    const fakes: FakeProvider[] = []
    after(async function () {
      await Promise.all(fakes.map((f) => f.stop()))
    })

    async function withExpiry(daysAhead: number): Promise<{status?: string; message?: string; observedValue?: number | string}> {
      const at = new Date(Date.now() + daysAhead * 86_400_000 + 3_600_000)
      const header = at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
      const fake = await startProviderApi({kind: 'github', scenario: 'valid', token: TOKENS.github, tokenExpiration: header})
      fakes.push(fake)
      const yaml = `providers:\n  gh:\n    url: https://github.com/acme\n    token: ${TOKENS.github}\n    api_url: ${fake.apiUrl}\n`
      const {result} = await runProviderCheck((s) => authCheck(s, {expiryWarnDays: 14}), yaml)
      return result.details![0]
    }

    it('warns when the token expires within the warning window', async function () {
      const detail = await withExpiry(3)
      expect(detail.status).to.equal('warn')
      expect(detail.message).to.contain('expires in 3 day(s)')
      expect(detail.observedValue).to.equal(3)
    })

    it('passes when the expiry is far off', async function () {
      const detail = await withExpiry(60)
      expect(detail.status).to.equal('pass')
      expect(detail.message).to.contain('expires in 60 day(s)')
    })

    it('parses the header GitHub sends', function () {
      expect(parseGitHubExpiry('2026-12-01 00:00:00 UTC')).to.equal(Date.UTC(2026, 11, 1))
      expect(parseGitHubExpiry('2026-12-01 02:00:00 +0200')).to.equal(Date.UTC(2026, 11, 1))
      expect(parseGitHubExpiry('soon')).to.equal(undefined)
      expect(parseGitHubExpiry(null)).to.equal(undefined)
    })
  })
})

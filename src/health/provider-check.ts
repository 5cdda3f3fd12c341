import type {CheckContext, CheckDetail, CheckOutcome, HealthCheck} from './check.js'
import {rollUp} from './check.js'
import type {Provider, ProviderConfig} from './provider-config.js'
import {redactDeep} from './redact.js'

/** Where the provider checks get mgit's providers: read once per check run (the file may change). */
export type ProviderSource = () => Promise<ProviderConfig>

export type ProviderProbe = (provider: Provider, context: CheckContext) => Promise<CheckDetail>

/**
 * The frame shared by the network, providers and auth checks: one detail per configured
 * provider, config problems reported as findings, and every configured secret masked.
 */
export function providerCheck(name: string, source: ProviderSource, probeOne: ProviderProbe): HealthCheck {
  return {
    name,
    ready: false,
    async run(context): Promise<CheckOutcome> {
      const config = await source()
      if (config.fileProblem !== undefined) {
        const {message, recommendation, status} = config.fileProblem
        return redactDeep({message, observedUnit: 'providers', observedValue: 0, recommendation, status}, config.secrets)
      }

      const problems: CheckDetail[] = config.problems.map((p) => ({component: p.name, message: p.message, recommendation: p.recommendation, status: 'fail'}))
      const probed = await Promise.all(config.providers.map((provider) => probeOne(provider, context)))
      const outcome = rollUp(name, [...probed, ...problems], 'providers', {
        message: `no providers configured in ${config.path}`,
        recommendation: 'Add a provider to the mgit config.',
        status: 'warn',
      })
      return redactDeep(outcome, config.secrets)
    },
  }
}

/** The host (and port) a provider's API is called on: never the path, which may carry an organisation. */
export function apiHost(provider: Provider): string {
  return provider.apiBase.host
}

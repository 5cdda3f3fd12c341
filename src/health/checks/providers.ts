import type {CheckContext, CheckDetail, HealthCheck} from '../check.js'
import {probe, requestTimeout} from '../http-probe.js'
import {judgeAnswer, judgeUnanswered} from '../probe-judgement.js'
import type {Provider} from '../provider-config.js'
import {reachabilityUrl} from '../provider-endpoints.js'
import {type ProviderSource, providerCheck} from '../provider-check.js'

async function probeApi(provider: Provider, context: CheckContext): Promise<CheckDetail> {
  // Asked without credentials: this check is about the API answering; the token is the auth check's.
  const result = await probe(reachabilityUrl(provider), {signal: context.signal, timeoutMs: requestTimeout(context.timeoutMs)})
  if (result.kind !== 'response') return judgeUnanswered(provider, result)
  const common = judgeAnswer(provider, result)
  if (common !== undefined) return common
  const component = provider.name
  const host = provider.apiBase.host
  const base = {component, observedUnit: 'ms', observedValue: result.ms}
  if (result.status >= 200 && result.status < 300) return {...base, message: `${host}: ${provider.type} API answers (HTTP ${result.status}, ${result.ms} ms)`, status: 'pass'}
  // 401/403 to an anonymous request: the API is up and asks for credentials, as it should.
  if (result.status === 401 || result.status === 403) return {...base, message: `${host}: ${provider.type} API answers, credentials required (HTTP ${result.status}, ${result.ms} ms)`, status: 'pass'}
  return {
    ...base,
    message: `${host}: unexpected answer HTTP ${result.status} from the ${provider.type} API`,
    recommendation: `Check providers.${provider.name}.url (and type or api_url for a self-hosted server).`,
    status: 'warn',
  }
}

/** Provider endpoints: each configured provider's API base answers (GitHub /meta, Azure DevOps connectionData, Bitbucket /2.0). */
export function providersCheck(source: ProviderSource): HealthCheck {
  return providerCheck('providers', source, probeApi)
}

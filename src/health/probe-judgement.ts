import type {CheckDetail} from './check.js'
import {type ProbeResult, isRateLimited, retryAfterSeconds} from './http-probe.js'
import type {Provider} from './provider-config.js'

export type Answered = Extract<ProbeResult, {kind: 'response'}>
export type Unanswered = Exclude<ProbeResult, {kind: 'response'}>

/**
 * The verdicts shared by the providers and auth checks: a timeout or a network error fails, a
 * rate limit warns (the provider and the token are fine, this machine is throttled), a 5xx fails.
 */
export function judgeUnanswered(provider: Provider, result: Unanswered): CheckDetail {
  const component = provider.name
  const host = provider.apiBase.host
  if (result.kind === 'timeout') {
    return {component, message: `${host}: timed out after ${result.timeoutMs} ms`, observedUnit: 'ms', observedValue: result.ms, recommendation: 'The provider API is not answering in time; check its status page and the network path.', status: 'fail'}
  }

  return {component, message: `${host}: ${result.reason}`, observedUnit: 'ms', observedValue: result.ms, recommendation: 'Check the provider URL (or api_url) and connectivity to it.', status: 'fail'}
}

/** A rate limit or a server error; undefined for an answer that the caller judges itself. */
export function judgeAnswer(provider: Provider, result: Answered): CheckDetail | undefined {
  const component = provider.name
  const host = provider.apiBase.host
  if (isRateLimited(result.status, result.headers)) {
    const wait = retryAfterSeconds(result.headers)
    return {
      component,
      message: `${host}: rate limited (HTTP ${result.status}${wait === undefined ? '' : `, retry in ${wait} s`})`,
      observedUnit: 'ms',
      observedValue: result.ms,
      recommendation: 'Wait for the rate limit to reset, or spread mgit runs out; authenticated requests get higher limits.',
      status: 'warn',
    }
  }

  if (result.status >= 500) {
    return {component, message: `${host}: server error HTTP ${result.status}`, observedUnit: 'ms', observedValue: result.ms, recommendation: "The provider is failing; check its status page.", status: 'fail'}
  }

  return undefined
}

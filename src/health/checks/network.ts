import {lookup} from 'node:dns/promises'
import {isIP, type Socket, connect as tcpConnect} from 'node:net'
import {connect as tlsConnect} from 'node:tls'

import type {CheckContext, CheckDetail, HealthCheck} from '../check.js'
import type {Provider} from '../provider-config.js'
import {type ProviderSource, apiHost, providerCheck} from '../provider-check.js'
import {requestTimeout} from '../http-probe.js'

export interface NetworkOptions {
  /** Warn when DNS + connect + handshake together take longer than this. */
  slowMs?: number
}

export const DEFAULT_NETWORK_SLOW_MS = 2000

class StepError extends Error {
  constructor(readonly step: string, reason: string) {
    super(reason)
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not resolved'
  if (code === 'ETIMEDOUT' || (error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') return 'timed out'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable'
  return code ?? (error as Error).message.split('\n', 1)[0]
}

/** Opens a TCP (and for https a TLS) connection and closes it: proves the route and, for TLS, the certificate. */
function connectOnce(address: string, port: number, servername: string | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: Socket
    const done = (error?: unknown): void => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      if (error === undefined) resolve()
      else reject(error)
    }

    const onAbort = (): void => done(signal.reason)
    if (servername === undefined) {
      socket = tcpConnect({host: address, port}, () => done())
    } else {
      // SNI is not allowed for IP literals.
      socket = tlsConnect({host: address, port, servername: isIP(servername) === 0 ? servername : undefined}, () => done())
    }

    socket.once('error', (error) => done(error))
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort)
  })
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new StepError(name, reasonOf(error))
  }
}

async function probeHost(provider: Provider, context: CheckContext, slowMs: number): Promise<CheckDetail> {
  const url = provider.apiBase
  const https = url.protocol === 'https:'
  const port = Number(url.port || (https ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(requestTimeout(context.timeoutMs))])
  const started = performance.now()
  const component = provider.name
  try {
    const address = isIP(host) === 0 ? (await step('DNS', () => lookup(host))).address : host
    await step(https ? 'TLS' : 'TCP', () => connectOnce(address, port, https ? host : undefined, signal))
    const ms = Math.round(performance.now() - started)
    const steps = [isIP(host) === 0 ? 'DNS' : undefined, 'TCP', https ? 'TLS' : undefined].filter(Boolean).join(', ')
    const message = `${apiHost(provider)}: ${steps} ok in ${ms} ms`
    return ms > slowMs
      ? {component, message: `${message} (slow)`, observedUnit: 'ms', observedValue: ms, recommendation: 'The network path to the provider is slow; check proxies and DNS.', status: 'warn'}
      : {component, message, observedUnit: 'ms', observedValue: ms, status: 'pass'}
  } catch (error) {
    const {step: failed, message: reason} = error instanceof StepError ? error : {message: reasonOf(error), step: 'connect'}
    return {
      component,
      message: `${apiHost(provider)}: ${failed} failed: ${reason}`,
      observedUnit: 'ms',
      observedValue: Math.round(performance.now() - started),
      recommendation: failed === 'DNS' ? 'Check DNS resolution of the provider host.' : failed === 'TLS' ? 'Check the TLS certificate chain (NODE_EXTRA_CA_CERTS for a private CA) and any TLS-intercepting proxy.' : 'Check connectivity to the provider host (firewall, proxy, VPN).',
      status: 'fail',
    }
  }
}

/** Network connectivity: DNS, TCP and, for https, a TLS handshake to each provider's API host. */
export function networkCheck(source: ProviderSource, options: NetworkOptions = {}): HealthCheck {
  const slowMs = options.slowMs ?? DEFAULT_NETWORK_SLOW_MS
  return providerCheck('network', source, (provider, context) => probeHost(provider, context, slowMs))
}

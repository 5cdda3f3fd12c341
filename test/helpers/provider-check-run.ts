import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {CheckOutcome, HealthCheck} from '../../src/health/check.js'
import {type ProviderConfig, loadProviderConfig} from '../../src/health/provider-config.js'
import {makeTempDir} from './temp-dir.js'

/** Runs a provider-based check against a config.yaml written to a temporary config directory. */
export async function runProviderCheck(make: (source: () => Promise<ProviderConfig>) => HealthCheck, configYaml: string | undefined, timeoutMs = 1000): Promise<{result: CheckOutcome; elapsed: number}> {
  const temp = makeTempDir('health-auth-')
  try {
    // undefined: no config file at all.
    if (configYaml !== undefined) writeFileSync(join(temp.path, 'config.yaml'), configYaml)
    const check = make(() => loadProviderConfig(temp.path))
    const started = Date.now()
    const result = await check.run({signal: new AbortController().signal, timeoutMs})
    return {elapsed: Date.now() - started, result}
  } finally {
    temp.cleanup()
  }
}

export function statusOf(result: {details?: Array<{component: string; status: string}>}, component: string): string | undefined {
  return result.details?.find((d) => d.component === component)?.status
}


import {randomUuid} from '../util/random-id.js'

export const CORRELATION_ENV = 'MGIT_CORRELATION_ID'

// A caller-supplied ID is kept only if it is a plain identifier: it is written to every event.
const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * The correlation ID of this process: the caller's `MGIT_CORRELATION_ID` when valid, else a new
 * one. Written back to the environment so that child processes (git, nested mgit) share it.
 */
export function ensureCorrelationId(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[CORRELATION_ENV]
  if (given !== undefined && VALID_ID.test(given)) return given
  const id = randomUuid()
  env[CORRELATION_ENV] = id
  return id
}

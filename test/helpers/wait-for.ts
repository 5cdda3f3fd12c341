import {setTimeout as delay} from 'node:timers/promises'

/**
 * Polls `probe` until it returns a value other than undefined, or fails with `what` after
 * `timeoutMs`. Used to wait for real servers, never to assert how fast something is.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }

    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`)
    }

    await delay(intervalMs)
  }
}

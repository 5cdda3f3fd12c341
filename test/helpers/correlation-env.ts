import {CORRELATION_ENV} from '../../src/instrumentation/correlation-id.js'

/** Within the calling `describe`: each test runs with MGIT_CORRELATION_ID=`id`, restored afterwards. */
export function useCorrelationEnv(id: string): void {
  let saved: string | undefined
  beforeEach(function () {
    saved = process.env[CORRELATION_ENV]
    process.env[CORRELATION_ENV] = id
  })
  afterEach(function () {
    if (saved === undefined) delete process.env[CORRELATION_ENV]
    else process.env[CORRELATION_ENV] = saved
  })
}

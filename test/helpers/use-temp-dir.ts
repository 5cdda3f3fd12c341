import {makeTempDir} from './temp-dir.js'

/** Registers mocha hooks giving each test (or, with `scope: 'suite'`, the suite) a fresh temporary directory; returns its path getter. */
export function useTempDir(prefix: string, scope: 'suite' | 'test' = 'test'): () => string {
  let temp: ReturnType<typeof makeTempDir> | undefined
  const setUp = (): void => {
    temp = makeTempDir(prefix)
  }

  const tearDown = (): void => {
    temp?.cleanup()
    temp = undefined
  }

  if (scope === 'suite') {
    before(setUp)
    after(tearDown)
  } else {
    beforeEach(setUp)
    afterEach(tearDown)
  }

  return () => {
    if (temp === undefined) throw new Error('useTempDir: no directory outside a test')
    return temp.path
  }
}

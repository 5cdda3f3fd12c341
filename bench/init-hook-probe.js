// One fresh process: how long the init hook takes to import and run. argv[2]: `full` (the hook
// as shipped) or `baseline` (only the command recorder, i.e. the init hook before issue 5).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const mode = process.argv[2]
const dir = mkdtempSync(join(tmpdir(), 'mgit-hook-cost-'))
const config = {configDir: dir, dataDir: dir, findCommand: () => undefined, pjson: {oclif: {}}, plugins: new Map(), topicSeparator: ' ', version: '0'}
const t0 = performance.now()
if (mode === 'full') {
  const {default: hook} = await import('../dist/hooks/init.js')
  const t1 = performance.now()
  await hook.call({config}, {argv: [], config, context: {}, id: undefined})
  const t2 = performance.now()
  process.stdout.write(JSON.stringify({importMs: t1 - t0, runMs: t2 - t1}))
} else {
  const {beginRun} = await import('../dist/instrumentation/command-recorder.js')
  const t1 = performance.now()
  beginRun(config)
  const t2 = performance.now()
  process.stdout.write(JSON.stringify({importMs: t1 - t0, runMs: t2 - t1}))
}

rmSync(dir, {force: true, recursive: true})

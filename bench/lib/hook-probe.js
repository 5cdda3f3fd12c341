// Runs in a fresh Node process for hooks-overhead.js: how long importing the three hook modules
// and their first (cold) calls take, as one mgit process would pay them. Prints one JSON line.
//   node bench/lib/hook-probe.js <pluginRoot> <dataDir> [--preload-oclif]
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const [pluginRoot, dataDir, preload] = process.argv.slice(2)
const hookUrl = (name) => pathToFileURL(join(pluginRoot, 'dist/hooks', `${name}.js`)).href

// In the host, @oclif/core (and the built-ins it uses) is loaded before any hook: preloading it
// measures the hooks' marginal import cost rather than Node's own start-up.
if (preload === '--preload-oclif') await import(pathToFileURL(join(pluginRoot, 'node_modules/@oclif/core/lib/index.js')).href)

const config = {
  dataDir,
  findCommand: () => undefined,
  pjson: {oclif: {}},
  plugins: new Map([['mgit', {name: 'mgit', version: '1.4.0'}]]),
  topicSeparator: ' ',
  version: '1.4.0',
}
// The shape of a manifest entry as oclif hands it to prerun/finally.
const Command = {id: 'list', pluginName: 'mgit', flags: {json: {name: 'json'}, source: {name: 'source'}, token: {char: 't', name: 'token'}}}
const argv = ['--source', '/tmp/org', '--json', '--token', 'ghp_secret']

async function timed(fn) {
  const start = performance.now()
  const value = await fn()
  return [performance.now() - start, value]
}

// oclif loads the one bundle that package.json names for all three hooks; its import is counted as init's.
const [importInitMs, hooks] = await timed(() => import(hookUrl('bundle')))
const importPrerunMs = 0
const importFinallyMs = 0
const [initCallMs] = await timed(() => hooks.init.call({config}, {argv, id: 'list'}))
const [prerunCallMs] = await timed(() => hooks.prerun.call({config}, {Command, argv}))
const [finallyCallMs] = await timed(() => hooks.finally.call({config}, {Command, argv, error: undefined, id: 'list'}))

process.stdout.write(
  JSON.stringify({finallyCallMs, importFinallyMs, importInitMs, importPrerunMs, initCallMs, prerunCallMs}) + '\n',
)

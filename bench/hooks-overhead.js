#!/usr/bin/env node
// Benchmark: what the monitoring plugin adds to every mgit command.
//
// The fixture host (a real oclif CLI named `mgit`) runs the same command as a child process in
// three set-ups, interleaved in rotating order so that drift in machine load hits all alike:
//   linked    the plugin linked into data dir A (`mgit plugins link --no-install <root>`)
//   disabled  the same data dir A with MGIT_MONITORING_DISABLED=1 (oclif still loads the plugin
//             and its hook modules; the hooks return at once): isolates loading from hook work
//   bare      data dir B, nothing linked
// Then the hooks' own cost in-process: oclif's performance markers inside the linked host,
// importing the hook modules in fresh processes, and init + prerun + finally warm, per call.
//
//   node bench/hooks-overhead.js [--pairs 60] [--warmup 4] [--probes 20] [--iterations 3000]
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {parseArgs} from 'node:util'

import {
  PLUGIN_ROOT,
  formatMs,
  importDist,
  machineFacts,
  makeTempRoot,
  medianInterval,
  removeTempRoot,
  round,
  summarize,
  writeResult,
} from './lib/common.js'

const HOST_BIN = join(PLUGIN_ROOT, 'test/fixtures/mgit-host/bin/run.js')
const PROBE = join(PLUGIN_ROOT, 'bench/lib/hook-probe.js')
const OCLIF_PERF = join(PLUGIN_ROOT, 'bench/lib/oclif-perf.cjs')
const GOAL_MS = 5
const VARIANTS = ['linked', 'disabled', 'bare']

const {values: opts} = parseArgs({
  options: {
    iterations: {default: '3000', type: 'string'},
    pairs: {default: '60', type: 'string'},
    probes: {default: '20', type: 'string'},
    warmup: {default: '4', type: 'string'},
  },
})
const PAIRS = Number(opts.pairs)
const WARMUP = Number(opts.warmup)
const PROBES = Number(opts.probes)
const ITERATIONS = Number(opts.iterations)

// ---------------------------------------------------------------------------------------------
// Set-up

function makeHome(root, name) {
  const home = {cacheDir: join(root, name, 'cache'), configDir: join(root, name, 'config'), dataDir: join(root, name, 'data')}
  for (const dir of Object.values(home)) mkdirSync(dir, {recursive: true})
  return home
}

/** This process's environment without settings that would change what is measured (production mode). */
function cleanEnv() {
  const env = {...process.env}
  for (const key of Object.keys(env)) if (key.startsWith('MGIT_') || key === 'NODE_ENV' || key === 'DEBUG') delete env[key]
  return env
}

/** A user's environment for the host: isolated data, config and cache dirs. */
function hostEnv(home, extra = {}) {
  return {
    ...cleanEnv(),
    MGIT_CACHE_DIR: home.cacheDir,
    MGIT_CONFIG_DIR: home.configDir,
    MGIT_DATA_DIR: home.dataDir,
    // Linked ESM plugins make oclif warn on every run; installed ones do not.
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    ...extra,
  }
}

/** Runs the host once, synchronously (no event loop between spawn and exit), and returns wall ms. */
function runHost(env, args, nodeArgs = []) {
  const start = performance.now()
  const result = spawnSync(process.execPath, [...nodeArgs, HOST_BIN, ...args], {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe']})
  const ms = performance.now() - start
  if (result.status !== 0) throw new Error(`mgit ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return {ms, stderr: result.stderr, stdout: result.stdout}
}

/** Three real bare repositories for `mgit list --source`. */
function createBareRepos(root) {
  const env = {...process.env, GIT_AUTHOR_EMAIL: 'b@example.com', GIT_AUTHOR_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_CONFIG_NOSYSTEM: '1'}
  const git = (...args) => execFileSync('git', args, {env, stdio: 'ignore'})
  for (let i = 1; i <= 3; i++) {
    const work = join(root, '.work', `repo-${i}`)
    git('init', '--quiet', '--initial-branch=main', work)
    git('-C', work, 'commit', '--quiet', '--allow-empty', '-m', `initial commit of repo-${i}`)
    git('clone', '--quiet', '--bare', work, join(root, `repo-${i}.git`))
  }

  return root
}

function journalBytes(dataDir) {
  const dir = join(dataDir, 'monitoring/journal')
  if (!existsSync(dir)) return 0
  return readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0)
}

/** Links the plugin into A and proves that A records and B does not, before timing anything. */
function prepareHosts(root) {
  const homes = {a: makeHome(root, 'a'), b: makeHome(root, 'b')}
  const envs = {
    bare: hostEnv(homes.b),
    disabled: hostEnv(homes.a, {MGIT_MONITORING_DISABLED: '1'}),
    linked: hostEnv(homes.a),
  }
  runHost(envs.linked, ['plugins', 'link', '--no-install', PLUGIN_ROOT])
  if (!runHost(envs.linked, ['plugins']).stdout.includes('@mgit/plugin-monitoring')) throw new Error('plugin not linked in A')
  if (runHost(envs.bare, ['plugins']).stdout.includes('@mgit/plugin-monitoring')) throw new Error('plugin visible in B')
  const before = journalBytes(homes.a.dataDir)
  runHost(envs.linked, ['--version'])
  if (journalBytes(homes.a.dataDir) <= before) throw new Error('linked plugin did not record --version')
  if (journalBytes(homes.b.dataDir) > 0) throw new Error('B has a journal')
  return envs
}

// ---------------------------------------------------------------------------------------------
// Child-process timing

/** Runs every variant once per round, rotating the order each round (linked first, then disabled first, ...). */
function measureScenario(envs, args) {
  const times = Object.fromEntries(VARIANTS.map((v) => [v, []]))
  for (let i = 0; i < WARMUP; i++) for (const v of VARIANTS) runHost(envs[v], args)
  for (let r = 0; r < PAIRS; r++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(r + k) % VARIANTS.length]
      times[variant].push(runHost(envs[variant], args).ms)
    }
  }

  return times
}

/** `a` against `b` from the same rounds: paired differences are robust to load drift. */
function compare(a, b) {
  const diffs = a.map((value, i) => value - b[i])
  const sa = summarize(a)
  const sb = summarize(b)
  return {
    ci95OfPairedMedian: medianInterval(diffs),
    differenceOfMediansMs: round(sa.median - sb.median),
    medianPairedDifferenceMs: summarize(diffs).median,
    ratio: round(sa.median / sb.median, 4),
  }
}

function analyseScenario(name, args, times) {
  return {
    added: compare(times.linked, times.bare),
    args,
    // Disabled hooks return at once, so linked - disabled is the hooks' calls (appends, correlation ID) ...
    hookCalls: compare(times.linked, times.disabled),
    // ... and disabled - bare is oclif loading the plugin and importing its hook modules.
    loading: compare(times.disabled, times.bare),
    name,
    wallMs: Object.fromEntries(VARIANTS.map((v) => [v, summarize(times[v])])),
  }
}

// ---------------------------------------------------------------------------------------------
// In-process cost of the hooks themselves

/**
 * oclif's own markers inside the linked host: plugin loading, and each hook from import to return.
 * oclif reports before `finally` runs, so finally is covered by the probes below instead.
 */
function measureOclifMarkers(env, args) {
  const samples = []
  for (let i = 0; i < PROBES; i++) {
    const {stderr} = runHost(env, args, ['--require', OCLIF_PERF])
    const line = stderr.split('\n').find((l) => l.startsWith('OCLIF_PERF '))
    if (line === undefined) throw new Error(`no oclif performance figures: ${stderr}`)
    const perf = JSON.parse(line.slice('OCLIF_PERF '.length))
    // Keyed by plugin and hook target; the three hooks share one bundled target.
    const hook = (event) =>
      Object.entries(perf.hookRunTimes[event] ?? {}).find(([scope]) => scope.startsWith('@mgit/plugin-monitoring('))?.[1] ?? 0
    samples.push({init: hook('init'), pluginLoad: perf.pluginLoadTimes['@mgit/plugin-monitoring'] ?? 0, prerun: hook('prerun')})
  }

  const field = (pick) => summarize(samples.map(pick))
  return {
    args,
    initHookMs: field((s) => s.init),
    pluginLoadMs: field((s) => s.pluginLoad),
    prerunHookMs: field((s) => s.prerun),
    totalMs: field((s) => s.pluginLoad + s.init + s.prerun),
  }
}

/** Fresh processes, each importing the hook modules once and calling each hook once (cold). */
function probeImports(dataDir, preloadOclif) {
  const samples = []
  for (let i = 0; i < PROBES; i++) {
    const args = [PROBE, PLUGIN_ROOT, dataDir, ...(preloadOclif ? ['--preload-oclif'] : [])]
    samples.push(JSON.parse(execFileSync(process.execPath, args, {encoding: 'utf8', env: cleanEnv()})))
  }

  const field = (key) => summarize(samples.map((s) => s[key]))
  const total = (keys) => summarize(samples.map((s) => keys.reduce((sum, key) => sum + s[key], 0)))
  const imports = ['importInitMs', 'importPrerunMs', 'importFinallyMs']
  const calls = ['initCallMs', 'prerunCallMs', 'finallyCallMs']
  return {
    firstCalls: Object.fromEntries(calls.map((k) => [k, field(k)])),
    firstCallsTotalMs: total(calls),
    imports: Object.fromEntries(imports.map((k) => [k, field(k)])),
    importsTotalMs: total(imports),
    preloadOclif,
    totalMs: total([...imports, ...calls]),
  }
}

/**
 * init + prerun + finally as oclif calls them, warm, many times. Each iteration starts a new run
 * (new journal writer), so it pays the directory listing a real process pays on its first append.
 */
async function measureWarmCalls(dataDir) {
  const hooks = await Promise.all(['init', 'prerun', 'finally'].map((h) => importDist(`hooks/${h}.js`)))
  const [init, prerun, fin] = hooks.map((m) => m.default)
  const config = {dataDir, findCommand: () => undefined, pjson: {oclif: {}}, plugins: new Map(), topicSeparator: ' ', version: '1.4.0'}
  const Command = {id: 'list', pluginName: 'mgit', flags: {json: {name: 'json'}, source: {name: 'source'}}}
  const argv = ['--source', '/tmp/org', '--json']
  const samples = []
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now()
    await init.call({config}, {argv, id: 'list'})
    await prerun.call({config}, {Command, argv})
    await fin.call({config}, {Command, argv, error: undefined, id: 'list'})
    samples.push(performance.now() - start)
  }

  return {iterations: ITERATIONS, perRunMs: summarize(samples.slice(Math.min(100, ITERATIONS / 10)))}
}

// ---------------------------------------------------------------------------------------------
// Verdict

/** Whole-process wall time is noisy: only a confidence interval wholly on one side of the goal decides. */
function wallVerdict(added) {
  const [low, high] = added.ci95OfPairedMedian
  if (high < GOAL_MS) return 'met'
  if (low >= GOAL_MS) return 'not met'
  return 'inconclusive (interval straddles the goal)'
}

/**
 * oclif's markers (plugin load + init + prerun, without finally) are a lower bound of what the
 * plugin adds, measured inside the host: at or above the goal, the goal is not met whatever the
 * wall times say.
 */
function goalVerdict(scenarios, markers) {
  const verdicts = scenarios.map((s) => wallVerdict(s.added))
  if (markers.totalMs.median >= GOAL_MS || verdicts.includes('not met')) return 'not met'
  return verdicts.every((v) => v === 'met') ? 'met' : 'inconclusive'
}

// ---------------------------------------------------------------------------------------------
// Report

function printScenario(s) {
  console.log(`\nmgit ${s.args.join(' ')}  (${PAIRS} rounds, medians of wall time per process)`)
  for (const v of VARIANTS) console.log(`  ${v.padEnd(9)} median ${formatMs(s.wallMs[v].median)}  p90 ${formatMs(s.wallMs[v].p90)}`)
  const line = (label, c) =>
    console.log(
      `  ${label.padEnd(34)} ${formatMs(c.medianPairedDifferenceMs)} paired median [95% CI ${c.ci95OfPairedMedian.join(' .. ')}], ` +
        `${formatMs(c.differenceOfMediansMs)} difference of medians, ratio ${c.ratio}`,
    )
  line('added (linked - bare):', s.added)
  line('  loading (disabled - bare):', s.loading)
  line('  hook calls (linked - disabled):', s.hookCalls)
  console.log(`  goal < ${GOAL_MS} ms added, judged by wall time: ${wallVerdict(s.added)}`)
}

function printInProcess(markers, probes, warm) {
  console.log(`\noclif's markers in the linked host, mgit ${markers.args[0]} (${PROBES} runs, medians):`)
  console.log(`  plugin load ${formatMs(markers.pluginLoadMs.median)}, init hook ${formatMs(markers.initHookMs.median)}, ` +
    `prerun hook ${formatMs(markers.prerunHookMs.median)}; together ${formatMs(markers.totalMs.median)} (p90 ${formatMs(markers.totalMs.p90)})`)
  for (const p of probes) {
    console.log(`\nfresh process${p.preloadOclif ? ', @oclif/core already loaded (as in the host)' : ', nothing preloaded'} (${PROBES} processes):`)
    console.log(`  import init+prerun+finally  median ${formatMs(p.importsTotalMs.median)}  p90 ${formatMs(p.importsTotalMs.p90)}` +
      `  (init ${formatMs(p.imports.importInitMs.median)}, prerun ${formatMs(p.imports.importPrerunMs.median)}, finally ${formatMs(p.imports.importFinallyMs.median)})`)
    console.log(`  first init+prerun+finally   median ${formatMs(p.firstCallsTotalMs.median)}  p90 ${formatMs(p.firstCallsTotalMs.p90)}`)
  }

  console.log(`\nwarm init+prerun+finally (${warm.iterations} iterations): median ${(warm.perRunMs.median * 1000).toFixed(0)} µs, p90 ${(warm.perRunMs.p90 * 1000).toFixed(0)} µs`)
}

async function main() {
  const facts = machineFacts()
  const root = makeTempRoot('mgit-bench-hooks-')
  try {
    const source = createBareRepos(join(root, 'org'))
    const envs = prepareHosts(root)
    const scenarios = [
      ['list --json', ['list', '--source', source, '--json']],
      ['--version', ['--version']],
    ].map(([name, args]) => analyseScenario(name, args, measureScenario(envs, args)))
    scenarios.forEach(printScenario)

    const markers = measureOclifMarkers(envs.linked, scenarios[0].args)
    const probeDir = join(root, 'probe')
    const probes = [probeImports(probeDir, true), probeImports(probeDir, false)]
    const warm = await measureWarmCalls(join(root, 'warm'))
    printInProcess(markers, probes, warm)

    const verdict = goalVerdict(scenarios, markers)
    const file = writeResult('hooks-overhead', {
      benchmark: 'hooks-overhead',
      goal: {addedMsBelow: GOAL_MS, byScenarioWallTime: Object.fromEntries(scenarios.map((s) => [s.name, wallVerdict(s.added)])), verdict},
      machine: facts,
      // Linked, not installed: oclif reads the linked plugin's package.json and manifest from its root at every start.
      pluginInstall: 'link',
      settings: {pairs: PAIRS, probes: PROBES, variants: VARIANTS, warmup: WARMUP, warmIterations: ITERATIONS},
      freshProcessProbes: probes,
      oclifMarkers: markers,
      scenarios,
      warmCalls: warm,
    })
    console.log(`\ngoal (< ${GOAL_MS} ms added per command, linked plugin): ${verdict.toUpperCase()}\nresult: ${file}`)
  } finally {
    removeTempRoot(root)
  }
}

await main()

// Preloaded into the host by hooks-overhead.js (`node --require bench/lib/oclif-perf.cjs run.js ...`):
// turns on oclif's own performance markers and, at exit, prints oclif's figures for plugin loading
// and each hook as one `OCLIF_PERF <json>` line on stderr. Measured inside the real host process,
// so free of the start-up noise that dominates whole-process wall time.
'use strict'
const {dirname} = require('node:path')

globalThis.oclif = {...globalThis.oclif, performanceEnabled: true}

process.on('exit', () => {
  try {
    // The same @oclif/core instance the host loaded (resolved from the host's bin), so the same markers.
    const path = require.resolve('@oclif/core/performance', {paths: [dirname(process.argv[1])]})
    const perf = require(path).Performance.oclifPerf
    const figures = {
      hookRunTimes: perf.hookRunTimes,
      linkedPluginsLoadMs: perf['oclif.linkedPluginsLoadMs'],
      pluginLoadTimes: Object.fromEntries(Object.entries(perf.pluginLoadTimes ?? {}).map(([k, v]) => [k, v.duration])),
    }
    process.stderr.write(`OCLIF_PERF ${JSON.stringify(figures)}\n`)
  } catch (error) {
    process.stderr.write(`OCLIF_PERF_ERROR ${error.message}\n`)
  }
})

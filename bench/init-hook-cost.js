// The init hook's added cost: medians over fresh processes of importing and running the hook as
// shipped, minus the same for the command recorder alone (the init hook's work before issue 5).
// Run after `npm run build`: node bench/init-hook-cost.js [runs]
import {execFileSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const probe = fileURLToPath(new URL('init-hook-probe.js', import.meta.url))
const runs = Number(process.argv[2] ?? 30)

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function measure(mode) {
  const samples = []
  for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, [probe, mode], {encoding: 'utf8'})))
  return {importMs: median(samples.map((s) => s.importMs)), runMs: median(samples.map((s) => s.runMs))}
}

// Interleave-free but warmed: one throwaway run of each first (disk cache).
measure.call(null, 'baseline')
const baseline = measure('baseline')
const full = measure('full')
const fmt = (n) => n.toFixed(2)
console.log(`runs per variant: ${runs}, node ${process.version}`)
console.log(`baseline (command recorder only): import ${fmt(baseline.importMs)} ms, run ${fmt(baseline.runMs)} ms`)
console.log(`init hook as shipped:             import ${fmt(full.importMs)} ms, run ${fmt(full.runMs)} ms`)
console.log(`added by the instrumentation:     import ${fmt(full.importMs - baseline.importMs)} ms, run ${fmt(full.runMs - baseline.runMs)} ms, total ${fmt(full.importMs + full.runMs - baseline.importMs - baseline.runMs)} ms`)

// Helpers shared by the benchmarks: statistics, machine facts, temp dirs and result files.
import {mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

export const PLUGIN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const RESULTS_DIR = join(PLUGIN_ROOT, 'bench/results')

/** The value at quantile `q` (0..1) of an ascending array, by linear interpolation. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const low = Math.floor(pos)
  const high = Math.ceil(pos)
  return sorted[low] + (sorted[high] - sorted[low]) * (pos - low)
}

export function ascending(values) {
  return [...values].sort((a, b) => a - b)
}

/** Median, p10, p90, min and max of a sample, rounded for reports. */
export function summarize(values) {
  const sorted = ascending(values)
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p10: round(quantile(sorted, 0.1)),
    p90: round(quantile(sorted, 0.9)),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
  }
}

/**
 * A distribution-free ~95% confidence interval for the median (order statistics, normal
 * approximation of the binomial): honest about noise without assuming a distribution.
 */
export function medianInterval(values) {
  const sorted = ascending(values)
  const n = sorted.length
  const k = Math.max(0, Math.floor(n / 2 - 0.98 * Math.sqrt(n)))
  return [round(sorted[k]), round(sorted[n - 1 - k])]
}

export function round(value, digits = 3) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** What a reader needs to judge the figures: when, where, and how busy the machine was. */
export function machineFacts() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    loadavgAtStart: loadavg().map((l) => round(l, 2)),
  }
}

export function makeTempRoot(prefix) {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeTempRoot(path) {
  rmSync(path, {force: true, recursive: true})
}

/** Writes `bench/results/<name>.json` atomically (temp file + rename), so a reader never sees half a file. */
export function writeResult(name, result) {
  mkdirSync(RESULTS_DIR, {recursive: true})
  const target = join(RESULTS_DIR, `${name}.json`)
  const temp = `${target}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify({...result, loadavgAtEnd: loadavg().map((l) => round(l, 2))}, null, 2) + '\n')
  renameSync(temp, target)
  return target
}

/** Fails clearly when `dist/` is missing: the benchmarks measure the compiled plugin, not the sources. */
export async function importDist(relativePath) {
  const path = join(PLUGIN_ROOT, 'dist', relativePath)
  try {
    return await import(path)
  } catch (error) {
    throw new Error(`cannot import ${path}: run \`npm run build && npx oclif manifest\` first (${error.message})`)
  }
}

export function formatMs(value) {
  return `${value.toFixed(1)} ms`
}

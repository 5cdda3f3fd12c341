import {execa} from 'execa'
import {join} from 'node:path'

import {PLUGIN_ROOT} from './host-cli.js'

export interface PackedPlugin {
  /** Absolute path of the tarball. */
  tarball: string
  /** Paths inside the package, as npm lists them (`dist/index.js`, `package.json`, ...). */
  files: string[]
  version: string
}

interface NpmPackEntry {
  filename: string
  version: string
  files: Array<{path: string}>
}

/**
 * `npm pack` of this checkout into `destination`, as a release would be made. Scripts are skipped:
 * `pretest` has already built `dist/` and the manifest, and `prepack` would rewrite the README.
 */
export async function packPlugin(destination: string): Promise<PackedPlugin> {
  const {stdout} = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {cwd: PLUGIN_ROOT})
  const [entry] = JSON.parse(stdout) as NpmPackEntry[]
  return {files: entry.files.map((f) => f.path), tarball: join(destination, entry.filename), version: entry.version}
}

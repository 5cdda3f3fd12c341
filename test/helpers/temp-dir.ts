import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** A fresh temporary directory, removed by the returned cleanup. */
export function makeTempDir(prefix = 'mgit-mon-'): {path: string; cleanup: () => void} {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return {cleanup: () => rmSync(path, {force: true, recursive: true}), path}
}

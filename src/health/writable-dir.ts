import {randomBytes} from 'node:crypto'
import {mkdir, unlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describeError} from '../util/user-error.js'

/**
 * Proves a directory can be written by creating it if needed, writing a probe file and removing
 * it. Returns undefined when writable, else a one-line reason. Tests run as root, where modes do
 * not stop writes; a regular file where a directory is expected still does (ENOTDIR/EEXIST).
 */
export async function unwritableReason(dir: string): Promise<string | undefined> {
  const probeFile = join(dir, `.health-probe-${process.pid}-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(dir, {recursive: true})
    await writeFile(probeFile, 'probe', {flag: 'wx'})
    await unlink(probeFile)
    return undefined
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'EEXIST') return 'not a directory (a file is in the way)'
    return describeError(error)
  }
}

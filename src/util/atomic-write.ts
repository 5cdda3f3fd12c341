import {randomBytes} from 'node:crypto'
import {open, rename, unlink} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary
 * file in the same directory (same filesystem, so rename is atomic), flushed, then renamed.
 * node_exporter's textfile collector relies on this.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  // A leading dot keeps node_exporter from reading the temporary file (it only reads *.prom).
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => {})
    throw error
  }

  await handle.close()
  try {
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
}

import {access, mkdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'

import {writeFileAtomic} from '../util/atomic-write.js'
import {describeError} from '../util/user-error.js'
import type {StackFile} from './stack.js'

/** A stack that could not be written; the message is one line a user can act on. */
export class StackWriteError extends Error {}

/** mkdir's errors that describeError words for files, in words for folders. */
function folderError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder'
  if (code === 'EEXIST') return 'a file of that name exists'
  return describeError(error)
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/**
 * Writes the stack under `output`. Without `force`, nothing is written when any of the files
 * already exists. Each file is replaced atomically (temporary file + rename), so a Prometheus or
 * Grafana reading the folder never sees half a file. Returns the paths written.
 */
export async function writeStack(output: string, files: StackFile[], force: boolean): Promise<string[]> {
  try {
    await mkdir(output, {recursive: true})
  } catch (error) {
    throw new StackWriteError(`cannot create the output folder ${output}: ${folderError(error)}`)
  }

  if (!force) {
    const existing: string[] = []
    for (const file of files) if (await exists(join(output, file.path))) existing.push(file.path)
    if (existing.length > 0) {
      const more = existing.length > 1 ? ` and ${existing.length - 1} more` : ''
      throw new StackWriteError(`${join(output, existing[0])}${more} already exist${existing.length > 1 ? '' : 's'}: use --force to overwrite`)
    }
  }

  const written: string[] = []
  for (const file of files) {
    const path = join(output, file.path)
    try {
      await mkdir(dirname(path), {recursive: true})
      await writeFileAtomic(path, file.content)
    } catch (error) {
      throw new StackWriteError(`cannot write ${path}: ${folderError(error)}`)
    }

    written.push(path)
  }

  return written
}

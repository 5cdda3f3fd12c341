/** What a user can act on, for the file-system errors they cause (paths, permissions, space). */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EEXIST: 'already exists',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'a part of the path is not a directory',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
}

/** A one-line description of a failure that a user can act on, without a stack trace. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  return (code === undefined ? undefined : REASONS[code]) ?? error.message.split('\n', 1)[0]
}

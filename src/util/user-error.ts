/** A one-line description of a failure that a user can act on, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOENT' ? 'no such file or directory'
        : code === 'EISDIR' ? 'is a directory'
          : code === 'ENOSPC' ? 'no space left on device'
            : code === 'EROFS' ? 'read-only file system'
              : error.message.split('\n', 1)[0]
    return reason
  }

  return String(error)
}

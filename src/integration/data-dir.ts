import {homedir} from 'node:os'
import {join} from 'node:path'

/**
 * oclif's data directory for `mgit`, computed as oclif's Config does: `MGIT_DATA_DIR`, else
 * `$XDG_DATA_HOME/mgit`, else `%LOCALAPPDATA%\mgit` on Windows, else `~/.local/share/mgit`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.MGIT_DATA_DIR) return env.MGIT_DATA_DIR
  const base = env.XDG_DATA_HOME || (platform === 'win32' ? env.LOCALAPPDATA : undefined) || join(home, '.local', 'share')
  return join(base, 'mgit')
}

import {homedir} from 'node:os'
import {join} from 'node:path'

/**
 * oclif's data directory for `mgit`, as the host computes it: `MGIT_DATA_DIR`, else
 * `$XDG_DATA_HOME/mgit` (default `~/.local/share/mgit`), or `%LOCALAPPDATA%\mgit` on Windows.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.MGIT_DATA_DIR) return env.MGIT_DATA_DIR
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'mgit')
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mgit')
}

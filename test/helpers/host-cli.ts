import {type Result, execa} from 'execa'
import {mkdirSync, rmSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {journalDir} from '../../src/journal/journal-options.js'
import {type JournalContents, readAll} from './journal-contents.js'
import {makeTempDir} from './temp-dir.js'

export const PLUGIN_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..')
export const HOST_BIN = join(PLUGIN_ROOT, 'test/fixtures/mgit-host/bin/run.js')

export interface RunOptions {
  env?: Record<string, string | undefined>
  input?: string
}

/**
 * The fixture host (a real oclif CLI named `mgit`) with isolated data, config and cache
 * directories, run as a user would: one child process per command.
 */
export class HostCli {
  readonly root: string
  readonly dataDir: string
  readonly configDir: string
  readonly cacheDir: string
  private readonly cleanupDir: () => void

  constructor() {
    const temp = makeTempDir('mgit-host-')
    this.root = temp.path
    this.cleanupDir = temp.cleanup
    this.dataDir = join(this.root, 'data')
    this.configDir = join(this.root, 'config')
    this.cacheDir = join(this.root, 'cache')
    for (const dir of [this.dataDir, this.configDir, this.cacheDir]) mkdirSync(dir, {recursive: true})
  }

  get journalDir(): string {
    return journalDir(this.dataDir)
  }

  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      MGIT_CACHE_DIR: this.cacheDir,
      MGIT_CONFIG_DIR: this.configDir,
      MGIT_CORRELATION_ID: undefined,
      MGIT_DATA_DIR: this.dataDir,
      MGIT_MONITORING_DISABLED: undefined,
      // Linked ESM plugins make oclif warn on every run; installed ones do not.
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      ...extra,
    }
  }

  run(args: string[], options: RunOptions = {}): Promise<Result<{reject: false}>> {
    return execa('node', [HOST_BIN, ...args], {
      env: this.env(options.env),
      extendEnv: true,
      input: options.input ?? '',
      reject: false,
    }) as Promise<Result<{reject: false}>>
  }

  async linkPlugin(): Promise<void> {
    const result = await this.run(['plugins', 'link', '--no-install', PLUGIN_ROOT])
    if (result.exitCode !== 0) throw new Error(`plugins link failed: ${result.stderr}`)
    this.clearJournal()
  }

  clearJournal(): void {
    rmSync(join(this.dataDir, 'monitoring'), {force: true, recursive: true})
  }

  /** Empties mgit's config directory (config.yaml and anything a test put there). */
  clearConfig(): void {
    rmSync(this.configDir, {force: true, recursive: true})
    mkdirSync(this.configDir, {recursive: true})
  }

  journal(): Promise<JournalContents> {
    return readAll(this.journalDir)
  }

  cleanup(): void {
    this.cleanupDir()
  }
}

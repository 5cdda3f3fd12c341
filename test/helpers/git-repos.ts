import {execa} from 'execa'
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'

const GIT_ENV = {
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_AUTHOR_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_CONFIG_NOSYSTEM: '1',
}

/** Creates `count` real bare repositories (`repo-N.git`), each with one commit, under `root`. */
export async function createBareRepos(root: string, count: number): Promise<string[]> {
  mkdirSync(root, {recursive: true})
  const work = join(root, '.work')
  const names: string[] = []
  for (let i = 1; i <= count; i++) {
    const name = `repo-${i}`
    const dir = join(work, name)
    await execa('git', ['init', '--quiet', '--initial-branch=main', dir], {env: GIT_ENV})
    await execa('git', ['-C', dir, 'commit', '--quiet', '--allow-empty', '-m', `initial commit of ${name}`], {env: GIT_ENV})
    await execa('git', ['clone', '--quiet', '--bare', dir, join(root, `${name}.git`)], {env: GIT_ENV})
    names.push(name)
  }

  return names
}

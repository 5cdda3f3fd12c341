import {expect} from 'chai'
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {validateOptions} from '../../src/config-generation/options.js'
import {buildStack} from '../../src/config-generation/stack.js'
import {StackWriteError, writeStack} from '../../src/config-generation/write-stack.js'
import {useTempDir} from '../helpers/use-temp-dir.js'

describe('writing the stack', function () {
  const temp = useTempDir('mgit-write-')
  const files = buildStack(validateOptions({}))

  it('writes every file into a fresh folder, creating it, and lists them; no temporary file is left', async function () {
    const output = join(temp(), 'a', 'b')
    const written = await writeStack(output, files, false)
    expect(written).to.deep.equal(files.map((file) => join(output, file.path)))
    for (const file of files) expect(readFileSync(join(output, file.path), 'utf8')).to.equal(file.content)
    const all = readdirSync(output, {recursive: true}).map(String)
    expect(all.filter((name) => name.endsWith('.tmp'))).to.deep.equal([])
  })

  it('refuses to overwrite without force, and then writes nothing at all', async function () {
    const output = temp()
    writeFileSync(join(output, 'docker-compose.yml'), 'mine\n')
    const error = await writeStack(output, files, false).catch((error_: unknown) => error_)
    expect(error).to.be.instanceOf(StackWriteError)
    expect((error as Error).message).to.equal(`${join(output, 'docker-compose.yml')} already exists: use --force to overwrite`)
    expect(readdirSync(output)).to.deep.equal(['docker-compose.yml'])
    expect(readFileSync(join(output, 'docker-compose.yml'), 'utf8')).to.equal('mine\n')
  })

  it('overwrites with force', async function () {
    const output = temp()
    await writeStack(output, files, false)
    writeFileSync(join(output, 'docker-compose.yml'), 'mine\n')
    const again = await writeStack(output, files, false).catch((error: Error) => error.message)
    expect(again).to.match(/prometheus\.yml and \d+ more already exist: use --force to overwrite$/)
    await writeStack(output, files, true)
    expect(readFileSync(join(output, 'docker-compose.yml'), 'utf8')).to.equal(files.find((f) => f.path === 'docker-compose.yml')!.content)
  })

  it('reports an output folder that cannot be created in one line', async function () {
    const blocker = join(temp(), 'a-file')
    writeFileSync(blocker, '')
    const error = await writeStack(join(blocker, 'stack'), files, false).catch((error_: unknown) => error_)
    expect(error).to.be.instanceOf(StackWriteError)
    expect((error as Error).message).to.equal(`cannot create the output folder ${join(blocker, 'stack')}: part of the path is a file, not a folder`)
    expect((error as Error).message).not.to.contain('\n')
    expect(existsSync(join(blocker, 'stack'))).to.equal(false)
  })
})

import {expect} from 'chai'
import {mkdirSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {HostCli} from '../helpers/host-cli.js'
import {type RealServer, requireBinaries, startRealServer} from '../helpers/real-server.js'

describe('node_exporter textfile collector serves `monitoring metrics --output`', function () {
  let host: HostCli
  let exporter: RealServer | undefined
  let textDir: string

  before(async function () {
    requireBinaries(this, 'prometheus-node-exporter')
    host = new HostCli()
    await host.linkPlugin()
    textDir = join(host.root, 'textfile')
    mkdirSync(textDir)
    exporter = await startRealServer({
      args: (port) => ['--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${textDir}`, `--web.listen-address=127.0.0.1:${port}`],
      binary: 'prometheus-node-exporter',
      readyPath: '/metrics',
    })
  })

  after(async function () {
    await exporter?.stop()
    host?.cleanup()
  })

  async function exported(): Promise<string> {
    return (await fetch(`${exporter!.url}/metrics`)).text()
  }

  it('serves the mgit metrics from the file, and the refreshed values after a rewrite', async function () {
    expect((await host.run(['sleep', '--ms', '1'])).exitCode).to.equal(0)
    expect((await host.run(['fail-exit'])).exitCode).to.equal(3)
    const output = join(textDir, 'mgit.prom')
    const write = await host.run(['monitoring', 'metrics', '--output', output])
    expect(write.exitCode, write.stderr).to.equal(0)
    let text = await exported()
    expect(text).to.contain('node_textfile_scrape_error 0')
    expect(text).to.contain('mgit_operations_total{operation="sleep"} 1')
    expect(text).to.contain('mgit_operations_failure_total{error_category="exit_code",operation="fail-exit"} 1')
    expect(text).to.match(/node_textfile_mtime_seconds\{file="[^"]*mgit\.prom"\}/)

    expect((await host.run(['sleep', '--ms', '1'])).exitCode).to.equal(0)
    expect((await host.run(['monitoring', 'metrics', '--output', output])).exitCode).to.equal(0)
    text = await exported()
    expect(text).to.contain('node_textfile_scrape_error 0')
    expect(text).to.contain('mgit_operations_total{operation="sleep"} 2')
    // The previous `monitoring metrics` run is itself counted.
    expect(text).to.contain('mgit_operations_total{operation="monitoring metrics"} 1')
    // Only the renamed file is left: no temporary file for node_exporter to trip over.
    expect(readdirSync(textDir)).to.deep.equal(['mgit.prom'])
  })
})

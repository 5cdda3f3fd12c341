import type {Hook} from '@oclif/core'

import {beginRun} from '../instrumentation/command-recorder.js'

const hook: Hook.Init = async function () {
  beginRun(this.config)
}

export default hook

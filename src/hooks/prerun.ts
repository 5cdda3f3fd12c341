import type {Hook} from '@oclif/core'

import {recordStart} from '../instrumentation/command-recorder.js'

const hook: Hook.Prerun = async function (options) {
  recordStart(this.config, options.Command, options.argv)
}

export default hook

#!/usr/bin/env node
// Runs the commands from the TypeScript sources: `node --import tsx bin/dev.js ...` (tsx is not a dependency;
// the supported path is the built bin/run.js, which `npm install` builds).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

import { execute } from '@oclif/core'

await execute({ development: true, dir: import.meta.url })

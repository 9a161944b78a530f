#!/usr/bin/env node
// Runs the commands from the TypeScript sources: `node --import tsx bin/dev.js ...` (tsx is not a dependency;
// the supported path is the built bin/run.js, which `npm install` builds).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { execute } from '@oclif/core'

// package.json points oclif at the bundle; here the commands come from src/cli.ts (dist/cli.js maps to it in dev)
const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
pjson.oclif.commands = { ...pjson.oclif.commands, target: './dist/cli.js' }
await execute({ development: true, loadOptions: { root, pjson } })

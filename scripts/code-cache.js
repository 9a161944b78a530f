#!/usr/bin/env node
// Writes V8's code cache for dist/bundle/cli.cjs (read by bin/load-bundle.js) after running a `cost` call, so the
// cache holds the functions a command run compiles, not only the bundle's top level. Run by npm run build, last:
// after the bundle, and after the manifest that the run reads.
import { writeFileSync } from 'node:fs'
import { CODE_CACHE, loadBundle } from '../bin/load-bundle.js'

const { exports: cli, script } = loadBundle()
process.argv = [process.argv[0], 'lambda-tune', 'cost', '--memory', '128,1024', '--duration', '100', '--requests', '1M', '--json']
const write = process.stdout.write
process.stdout.write = () => true
await cli.execute({ dir: new URL('../bin/run.js', import.meta.url).href })
process.stdout.write = write
const data = script.createCachedData()
writeFileSync(CODE_CACHE, data)
console.log(`dist/bundle: code cache of ${(data.length / 1024).toFixed(0)} KiB`)

#!/usr/bin/env node
// Writes oclif.manifest.json from the built commands (dist/), as `oclif manifest` would, with @oclif/core alone.
// With the manifest, oclif lists commands and prints --help without importing every command file at start-up.
// Run after tsc (npm run build does); a stale manifest would hide a new command, so the build always rewrites it.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Plugin } from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, isRoot: true })
await plugin.load()
writeFileSync(new URL('../oclif.manifest.json', import.meta.url), `${JSON.stringify(plugin.manifest, null, 2)}\n`)
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`)

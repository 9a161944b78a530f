#!/usr/bin/env node
// Bundles the built CLI (dist/cli.js) with oclif and the other start-up dependencies into one CommonJS file,
// dist/bundle/cli.cjs, which bin/load-bundle.js loads. Run after tsc (npm run build does). Left outside the bundle, each for its reason:
// - the AWS SDK: loaded lazily, only by commands that call AWS, and large;
// - the emulator (dist/emulator): loaded only with --local, and it finds its runtimes and fixtures from its own
//   location on disk, so it must stay where tsc put it;
// - typescript, ts-node and tsx: oclif loads them only for a plugin under development, never for this one.
import { rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const outDir = `${dist}bundle`
const devOnly = /^(typescript|ts-node|tsx)(\/|$)/
const emulator = `${dist}emulator/`

rmSync(outDir, { recursive: true, force: true })
const { output } = await build({
  input: `${dist}cli.js`,
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'keep-emulator-in-place',
      // The bundle reaches the emulator by a path relative to dist/bundle.
      resolveId(source, importer) {
        if (!importer || !source.startsWith('.')) return null
        const resolved = resolve(dirname(importer), source)
        if (!resolved.startsWith(emulator)) return null
        return { id: `../emulator/${resolved.slice(emulator.length)}`, external: true }
      },
    },
  ],
  external: (id) => id.startsWith('@aws-sdk/') || devOnly.test(id),
  output: {
    dir: outDir,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    // The bundle runs in a vm.Script, where import() is unavailable: external modules are required instead
    // (the emulator, an ES module, through require(esm), hence Node >= 20.19).
    dynamicImportInCjs: false,
    minify: process.env.BUNDLE_MINIFY !== '0',
    keepNames: true,
    sourcemap: true,
  },
  write: true,
})
const chunks = output.filter((o) => o.type === 'chunk')
const kib = chunks.reduce((sum, c) => sum + c.code.length, 0) / 1024
console.log(`dist/bundle: ${chunks.length} chunks, ${kib.toFixed(0)} KiB`)

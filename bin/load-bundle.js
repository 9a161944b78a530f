// Loads the CLI's CommonJS bundle (scripts/bundle.js) as require() would, but from V8's code cache of a warmed-up
// run, written beside it at build time (scripts/code-cache.js). Compiling oclif and the commands is the largest
// share of start-up on Node 20, which has no module compile cache (Node 22's module.enableCompileCache).
// A cache that does not fit (another Node version, other V8 flags) is rejected by V8, and the file is compiled
// as usual: slower, never wrong.
import { readFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url))
export const CODE_CACHE = `${BUNDLE}.v8-cache`

function readCache() {
  try {
    return readFileSync(CODE_CACHE)
  } catch {
    return undefined
  }
}

/** The bundle's exports, and its Script (scripts/code-cache.js asks it for the cache once it has run). */
export function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8')
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
  const script = new Script(wrapped, { filename: BUNDLE, cachedData: readCache() })
  const require = createRequire(BUNDLE)
  const module = new Module(BUNDLE)
  module.filename = BUNDLE
  // oclif requires the bundle again to find the commands (package.json oclif.commands): it must get this instance.
  require.cache[BUNDLE] = module
  script.runInThisContext()(module.exports, require, module, BUNDLE, dirname(BUNDLE))
  module.loaded = true
  return { exports: module.exports, script }
}

#!/usr/bin/env node
// Runs every benchmark under scripts/bench/ in name order against the built CLI (dist/), printing their figures.
// A benchmark prints its figures and targets; it never fails the build on timing.
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('./bench/', import.meta.url))
const only = process.argv.slice(2)
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.mjs')).sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue
  console.log(`\n== ${file}`)
  const r = spawnSync(process.execPath, [dir + file], { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } })
  if (r.status !== 0) console.log(`(${file} exited ${r.status})`)
}

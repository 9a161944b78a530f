import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, RUN_JS } from '../helpers/cli.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'

/** A step of the documented GitHub Actions job: a `uses:` action or a `run:` script. */
interface Step {
  uses?: string
  with?: string
  run?: string
  if?: string
}

/** The steps of the first ```yaml block of docs/report.md (enough YAML for this file: one step per `- ` item). */
function workflowSteps(): Step[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs/report.md'), 'utf8')
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!
  const lines = yaml.split('\n')
  const start = lines.findIndex((l) => /^\s+steps:\s*$/.test(l))
  const steps: Step[] = []
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(\s*)(- )?(uses|with|run|if|name): ?(.*)$/.exec(lines[i]!)
    if (!m) continue
    if (m[2]) steps.push({})
    const step = steps[steps.length - 1]!
    const key = m[3] as keyof Step | 'name'
    let value = m[4]!.replace(/\s+#.*$/, '')
    if (value === '|') {
      const indent = m[1]!.length + (m[2] ? 2 : 0)
      const block: string[] = []
      while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || lines[i + 1]!.search(/\S/) > indent)) block.push(lines[++i]!)
      const margin = Math.min(...block.filter((l) => l.trim()).map((l) => l.search(/\S/)))
      value = block.map((l) => l.slice(margin)).join('\n').trim()
    }
    if (key !== 'name') step[key] = value
  }
  return steps
}

const steps = workflowSteps()
const REGION = /aws-region: ([\w-]+)/.exec(steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with ?? '')?.[1]

let emu: TestEmulator
let bin: string
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), region: REGION })
  // 50 ms on a timer: durations that machine load barely moves, so that the second run's regression gate sees no change
  const handler = 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 50)); return { ok: true } }'
  for (const name of ['orders-api', 'orders-worker']) await createNodeFunction(emu.lambda, name, handler)
  // What `npm link` makes of the checkout: `lambda-tune` on the PATH, a link to the package's bin (package.json "bin").
  bin = mkdtempSync(join(tmpdir(), 'lambda-tune-bin-'))
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
  symlinkSync(join(REPO_ROOT, pkg.bin['lambda-tune']!), join(bin, 'lambda-tune'))
})
afterAll(async () => {
  await emu?.stop()
})

function bash(script: string, cwd: string, summary: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: cwd,
        // what aws-actions/configure-aws-credentials exports, pointed at the emulator
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL: emu.endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        GITHUB_STEP_SUMMARY: summary,
        LAMBDA_TUNE_STATE_DIR: join(cwd, '.state'),
        NO_COLOR: '1',
      },
      timeout: 120_000,
    }, (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }))
  })
}

describe('the scheduled GitHub Actions job in docs/report.md', () => {
  it('installs lambda-tune from its repository, as the README does, not from npm (where it is not published)', () => {
    const install = steps.findIndex((s) => s.run?.includes('npm'))
    const checkout = steps[install - 1]!
    expect(checkout.uses).toMatch(/^actions\/checkout@v\d+$/)
    const repository = /repository: ([\w.-]+\/[\w.-]+)/.exec(checkout.with ?? '')?.[1]
    const schemaId = (JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as { $id: string }).$id
    expect(schemaId).toContain(`github.com/${repository}/`)
    const path = /path: ([\w.-]+)/.exec(checkout.with ?? '')?.[1]
    expect(steps[install]!.run).toBe(`cd ${path} && npm ci && npm link`)
    expect(steps.some((s) => /npm (i|install) (-g|--global)/.test(s.run ?? ''))).toBe(false)
    // npm link exposes package.json's bin, which must be executable
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).bin).toEqual({ 'lambda-tune': './bin/run.js' })
    expect(readFileSync(RUN_JS, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('runs its commands against a baseline promoted as the docs show, and the gate passes on the unchanged function', async () => {
    const work = mkdtempSync(join(tmpdir(), 'lambda-tune-workflow-'))
    mkdirSync(join(work, '.state'))
    mkdirSync(join(work, 'perf'))
    const summary = join(work, 'summary.md')
    writeFileSync(summary, '')
    const scripts = steps.filter((s) => s.run && !s.run.includes('npm ci')).map((s) => s.run!)
    const sweep = scripts.find((s) => s.startsWith('lambda-tune sweep'))!
    const baseline = /--baseline (\S+)/.exec(sweep)![1]!
    // promoting: three nights' sweeps pooled in one committed file (jq -s), here three runs of the sweep without its gates
    const ungated = sweep.replace(/--baseline \S+ --fail-on-regression \S+ --fail-on-cost-increase \S+/, '')
    expect(ungated).not.toContain('--baseline')
    const nights: unknown[] = []
    for (let night = 0; night < 3; night++) {
      const r = await bash(ungated, work, summary)
      expect(r).toMatchObject({ code: 0 })
      nights.push(JSON.parse(readFileSync(join(work, 'tonight.json'), 'utf8')))
    }
    writeFileSync(summary, '')
    writeFileSync(join(work, baseline), JSON.stringify(nights))
    for (const script of scripts) {
      const r = await bash(script, work, summary)
      expect({ script, code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 })
    }
    const text = readFileSync(summary, 'utf8')
    expect(text.match(/^## Lambda production report/gm)).toHaveLength(1)
    expect(text).toMatch(/^### lambda-tune sweep: orders-api$/m)
    expect(text).toMatch(/^Gate --fail-on-regression 10% against perf\/orders-api\.baseline\.json: pass: /m)
    expect(JSON.parse(readFileSync(join(work, 'tonight.json'), 'utf8'))).toMatchObject({ kind: 'sweep', function: 'orders-api' })
  })
})

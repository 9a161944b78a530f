import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanaryDryRun } from '../../src/canary/service.js'
import type { CanaryResult } from '../../src/core/canary/result.js'
import { checkPage } from '../helpers/chromium.js'
import type { TestEmulator } from '../helpers/emulator.js'
import { validateSchema } from '../helpers/schema.js'
import { cli, expectAsFound, snapshot, tempStateDir } from '../reliability/helpers.js'
import { aliasState, canaryEmulator, canarySchema, createProduction } from './helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await canaryEmulator({ shop: 40 })
  await createProduction(emu, 'shop')
})
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune canary against the emulator, with generated traffic', () => {
  it('--dry-run prints the plan and the guards and changes nothing', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'shop')
    const alias = await aliasState(emu.lambda, 'shop')
    const r = await cli(emu.endpoint, tempStateDir(), ['canary', 'shop:live', '--memory', '256,1024', '--weight', '25', '--duration', '10s', '--period', '1', '--dry-run', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout) as CanaryDryRun
    expect(validateSchema(plan, { ...canarySchema, $ref: '#/$defs/dryRun', required: [], properties: {}, additionalProperties: true })).toEqual([])
    expect(plan).toMatchObject({ dryRun: true, kind: 'canary', function: 'shop', alias: 'live', main: { version: '1', memory: 512 }, memories: [256, 1024], weight: 0.25 })
    expect(plan.traffic.aliasPerSecond).toBeGreaterThan(10)
    expect(plan.traffic.enough).toBe(true)
    expect(plan.guards.maxMemoryUsedMB).toBeGreaterThan(0)
    expect(plan.guards.refusals).toEqual([])
    expect(plan.calls.some((c) => c.startsWith('UpdateAlias shop:live RoutingConfig='))).toBe(true)
    expect(await aliasState(emu.lambda, 'shop')).toBe(alias)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'shop'))
  })

  it('two candidates: both versions measured over the same periods, counts that add up to the alias’s, the alias left byte-identical', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'shop')
    const alias = await aliasState(emu.lambda, 'shop')
    const state = tempStateDir()
    const r = await cli(emu.endpoint, state, ['canary', 'shop:live', '--memory', '256,1024', '--weight', '25', '--duration', '8s', '--period', '1', '--tolerance', '25', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as CanaryResult
    expect(validateSchema(out, canarySchema)).toEqual([])
    expect(out.candidates.map((c) => [c.memory, c.status])).toEqual([
      [256, 'completed'],
      [1024, 'completed'],
    ])
    for (const c of out.candidates) {
      // both versions over exactly the window's periods, the first left out as warm-up
      expect(c.window.periods).toBe(8)
      expect(c.comparison.periods).toBeGreaterThanOrEqual(5)
      expect(c.comparison.periods).toBeLessThanOrEqual(7)
      expect(c.main.version).toBe('1')
      expect(c.main.memory).toBe(512)
      expect(c.candidate.memory).toBe(c.memory)
      // every invoke of the alias ran one of its two versions
      expect(c.main.invocations + c.candidate.invocations).toBe(c.aliasInvocations)
      expect(c.candidate.invocations).toBeGreaterThan(10)
      expect(c.candidate.errors).toBe(0)
      expect(c.comparison.durationRatio!.ci[0]).toBeLessThan(c.comparison.durationRatio!.estimate)
      expect(c.comparison.durationRatio!.ci[1]).toBeGreaterThan(c.comparison.durationRatio!.estimate)
      // the handler waits 15 ms whatever its memory: the ratio is about 1
      expect(c.comparison.durationRatio!.estimate).toBeGreaterThan(0.7)
      expect(c.comparison.durationRatio!.estimate).toBeLessThan(1.4)
      expect(c.candidate.coldStarts).toBeGreaterThanOrEqual(1)
      expect(c.candidate.maxMemoryUsedMB).toBeGreaterThan(0)

      // the same figures straight from the emulator's CloudWatch: the alias's traffic by ExecutedVersion
      const sumOf = async (dimensions: Array<{ Name: string; Value: string }>) => {
        const res = await emu.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(c.window.start),
            EndTime: new Date(c.window.end),
            MetricDataQueries: [
              { Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dimensions }, Period: c.window.seconds, Stat: 'Sum' } },
            ],
          }),
        )
        return res.MetricDataResults?.[0]?.Values?.[0] ?? 0
      }
      const fn = { Name: 'FunctionName', Value: 'shop' }
      const resource = { Name: 'Resource', Value: 'shop:live' }
      expect(await sumOf([fn, resource])).toBe(c.aliasInvocations)
      expect(await sumOf([fn, resource, { Name: 'ExecutedVersion', Value: '1' }])).toBe(c.main.invocations)
      expect(await sumOf([fn, resource, { Name: 'ExecutedVersion', Value: c.version }])).toBe(c.candidate.invocations)
    }
    expect(out.traffic.aliasInvocations).toBe(out.candidates.reduce((s, c) => s + c.aliasInvocations, 0))
    // 256 MB pays half the GB-seconds for the same duration (the $0.20 per 1M requests stays): the cheapest
    expect(out.recommendation.memory).toBe(256)
    expect(out.candidates[0]!.comparison.costRatio!.estimate).toBeLessThan(0.9)
    expect(out.candidates[1]!.comparison.costRatio!.estimate).toBeGreaterThan(1.2)

    expect(await aliasState(emu.lambda, 'shop')).toBe(alias)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'shop'))
    // nothing is left for restore
    const restore = await cli(emu.endpoint, state, ['restore', 'shop'])
    expect(restore.stdout).toMatch(/^No unfinished lambda-tune run of shop/)
  })

  it('prints a table and Markdown with the intervals and the pick, and writes the HTML page that a browser renders', async () => {
    const state = tempStateDir()
    const page = join(state, 'canary.html')
    const r = await cli(emu.endpoint, state, ['canary', 'shop:live', '--memory', '1024', '--weight', '25', '--duration', '6s', '--period', '1', '--tolerance', '25', '--format', 'md', '--out', page])
    expect(r.code).toBe(0)
    const html = readFileSync(page, 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<h1>lambda-tune canary: shop:live</h1>')
    expect(html).toMatch(/<tr class="pick"><td>512 MB ◀<\/td>/)
    // in a real headless Chromium: both charts drawn, no console error, nothing asked of the network
    const seen = await checkPage(page)
    expect(seen.errors).toEqual([])
    expect(seen.requests).toEqual([])
    expect(seen.svgs).toHaveLength(2)
    for (const svg of seen.svgs) expect(svg.shapes).toBeGreaterThan(5)
    expect(r.stdout).toMatch(/^### lambda-tune canary: shop:live$/m)
    expect(r.stdout).toMatch(/^\| (\*\*)?512 MB.*\| current \|$/m)
    expect(r.stdout).toMatch(/^\| (\*\*)?1024 MB.*\| [+-]\d+\.\d% \[[+-]\d+\.\d%, [+-]\d+\.\d%\] \|/m)
    expect(r.stdout).toMatch(/\*\*Pick \(cost, tolerance 25\.0%\): 512 MB/)
    expect(r.stdout).toContain('The alias routes everything to version 1 again; the candidate versions are deleted.')
  })
})

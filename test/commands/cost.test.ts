import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { validateSchema, type Schema } from '../helpers/schema.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/cost.json'), 'utf8')) as Schema
const AWS_EXAMPLE = ['cost', '--memory', '512', '--duration', '1000', '--requests', '3M', '--free-tier']

describe('lambda-tune cost', () => {
  it("prints AWS's worked example as a table: $18.33 compute + $0.40 requests = $18.73", async () => {
    const r = await runCli(AWS_EXAMPLE)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/us-east-1, free tier \(bundled prices of 2026-09-06\)/)
    expect(r.stdout).toMatch(/^Requests +\$0\.40$/m)
    expect(r.stdout).toMatch(/^Compute \(duration\) +\$18\.33$/m)
    expect(r.stdout).toMatch(/^Total a month +\$18\.73$/m)
    expect(r.stdout).toMatch(/^Free tier \(already taken off\) +-\$6\.87$/m)
  })

  it('returns the typed result with --json, matching schemas/cost.json', async () => {
    const r = await runCli([...AWS_EXAMPLE, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.schemaVersion).toBe(1)
    // 1.1e6 GB-s x 0.0000166667 + 2e6 x 0.2e-6
    expect(out.monthly.total).toBeCloseTo(18.73337, 8)
    expect(out.monthly.compute).toBeCloseTo(18.33337, 8)
    expect(out.monthly.requests).toBeCloseTo(0.4, 10)
    expect(validateSchema(out, schema)).toEqual([])
    // --format json prints the same document
    const f = await runCli([...AWS_EXAMPLE, '--format', 'json'])
    expect({ ...JSON.parse(f.stdout), generatedAt: out.generatedAt }).toEqual(out)
  })

  it('compares several memory sizes side by side, with every part of the bill in the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-cost-'))
    const r = await runCli([
      'cost', '--memory', '512,1024,10240', '--duration', '800,400,2000', '--requests', '1B', '--region', 'eu-west-1',
      '--cold-start-rate', '1%', '--init-duration', '300', '--ephemeral-storage', '1GB', '--provisioned', '5',
      '--provisioned-hours', '200', '--json', '--out', join(dir, 'cost.json'),
    ])
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout)
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.scenarios.map((s: { memoryMB: number }) => s.memoryMB)).toEqual([512, 1024, 10240])
    expect(out.scenarios[2].monthly.computeTiers[2].gbSeconds).toBeGreaterThan(0)
    expect(out.scenarios[0].provisioned.billedHours).toBe(200)
    expect(out.warnings.join(' ')).toMatch(/derived/)
    expect(out.monthly).toEqual(out.scenarios[0].monthly)
    expect(JSON.parse(readFileSync(join(dir, 'cost.json'), 'utf8'))).toEqual(out)

    const table = await runCli(['cost', '-m', '512,1024', '-d', '200', '-r', '100k/day', '--arch', 'arm64'])
    expect(table.stdout).toMatch(/^ +512 MB +1024 MB$/m)
    expect(table.stdout).toMatch(/3,041,667 requests a month, arm64/)
    expect(table.stdout).toMatch(/^Cheapest: 512 MB$/m)
  })

  it('prices the same load on Fargate, with the traffic from which Fargate costs less', async () => {
    const r = await runCli(AWS_EXAMPLE)
    // 512 MB is 0.29 of a vCPU: 0.5 vCPU / 1 GB tasks, two of them (one request at a time each: 1.14 in flight on average)
    expect(r.stdout).toMatch(/^Fargate, same load \+ ALB +\$58\.31$/m)
    expect(r.stdout).toMatch(/^ {2}tasks +2 x 0\.5 vCPU, 1 GB$/m)
    expect(r.stdout).toMatch(/^ {2}cheaper than Lambda from +15\.3M req\/month$/m)
    expect(r.stdout).toMatch(/^Fargate: tasks sized from the function's memory and CPU share, one request at a time each/m)
    const out = JSON.parse((await runCli([...AWS_EXAMPLE, '--json'])).stdout)
    const f = out.scenarios[0].fargate
    expect(f).toMatchObject({ taskSize: { vcpu: 0.5, memoryGB: 1 }, sizedFrom: 'lambda-memory', tasks: 2 })
    // us-east-1: $0.04048 per vCPU-hour, $0.004445 per GB-hour, 730 hours; ALB $0.0225/h + 1 LCU at $0.008/h
    const task = (0.5 * 0.04048 + 1 * 0.004445) * 730
    const alb = 730 * (0.0225 + 0.008)
    expect(f.monthly.total).toBeCloseTo(2 * task + alb, 6)
    // Lambda's line: $25.60 a month without the free tier for 3M requests; one task serves 2,628,000 one-second
    // requests a month; six tasks are where the line first crosses Fargate's steps.
    const perRequest = (18.73337 + 6.86668) / 3e6
    expect(f.breakEvenRequestsPerMonth).toBeCloseTo((6 * task + alb) / perRequest, -2)

    const sized = JSON.parse((await runCli([...AWS_EXAMPLE, '--fargate-vcpu', '1', '--fargate-memory', '3GB', '--json'])).stdout)
    expect(sized.scenarios[0].fargate).toMatchObject({ taskSize: { vcpu: 1, memoryGB: 3 }, sizedFrom: 'flags', tasks: 2 })
    const cpuOnly = JSON.parse((await runCli([...AWS_EXAMPLE, '--fargate-vcpu', '2', '--json'])).stdout)
    expect(cpuOnly.scenarios[0].fargate.taskSize).toEqual({ vcpu: 2, memoryGB: 4 })
  })

  it('shows every amount of a table with the same decimals, and requests a month as a whole number', async () => {
    const r = await runCli(['cost', '-m', '128,1024', '-d', '3', '-r', '100k/day', '--cold-start-rate', '1%', '--init-duration', '150'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Lambda cost: 3,041,667 requests a month/)
    const decimals = [...r.stdout.matchAll(/\$[\d,]+\.(\d+)/g)].map((m) => m[1]!.length)
    expect(decimals.length).toBeGreaterThan(10)
    // the smallest amount (INIT at 128 MB, $0.0095) needs four decimals for two significant digits: every amount gets four
    expect(new Set(decimals)).toEqual(new Set([4]))
    expect(r.stdout).toMatch(/^INIT \(cold starts\) +\$0\.0095 +\$0\.0760$/m)
  })

  it('renders Markdown', async () => {
    const r = await runCli([...AWS_EXAMPLE, '--format', 'md'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^### Lambda cost: 3,000,000 requests a month/m)
    expect(r.stdout).toContain('| **Total a month** | **$18.73** |')
  })

  it.each([
    [['-m', '127', '-d', '100', '-r', '1M'], /memory must be a whole number of MB from 128 to 10240, got 127/],
    [['-m', '10241', '-d', '100', '-r', '1M'], /memory must be a whole number/],
    [['-m', '512.5', '-d', '100', '-r', '1M'], /memory must be a whole number/],
    [['-m', '512', '-d', '0', '-r', '1M'], /duration must be a number above 0, got 0/],
    [['-m', '512', '-d=-5', '-r', '1M'], /duration must be a number above 0, got -5/],
    [['-m', '512', '-d', '100', '-r', '1M', '--region', 'us-est-1'], /unknown region 'us-est-1': did you mean us-east-1/],
    [['-m', '512', '-d', '100', '-r', '1M', '--arch', 'sparc'], /unknown architecture 'sparc': use x86_64 or arm64/],
    [['-m', '512', '-d', '100', '-r', '3Q'], /--requests: cannot read '3Q' as a number/],
    [['-m', 'lots', '-d', '100', '-r', '1M'], /--memory: cannot read 'lots'/],
    [['-m', '512', '-d', '100', '-r', '1M', '--cold-start-rate', '2'], /--cold-start-rate: '2' is not a share between 0 and 1/],
    [['-m', '512', '-d', '100', '-r', '1M', '--region', 'ap-south-2'], /no duration \(GB-second\) price for ap-south-2/],
    // oclif's own parse errors come through BaseCommand as one line, exit 2
    [['-m', '512', '-d', '100', '-r', '1M', '--bogus'], /^Error: unknown flag --bogus \(see lambda-tune cost --help\)$/m],
    [['-m', '512', '-d', '100'], /^Error: missing required flag --requests \(see lambda-tune cost --help\)$/m],
    [['-m', '512', '-d', '100', '-r', '1M', '--format', 'xml'], /^Error: --format: "xml" is not one of table, md, json \(see lambda-tune cost --help\)$/m],
    [['-m', '512', '-d', '100', '-r', '1M', '--provisioned', 'two'], /^Error: --provisioned: expected an integer, got "two" \(see lambda-tune cost --help\)$/m],
  ])('rejects %j with one line on stderr and exit 2', async (args, message) => {
    const r = await runCli(['cost', ...args])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('keeps errors on stderr, one line, with --json too', async () => {
    const r = await runCli(['cost', '-m', '99', '-d', '100', '-r', '1M', '--json'])
    expect(r.code).toBe(2)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/memory must be a whole number/)
  })
})

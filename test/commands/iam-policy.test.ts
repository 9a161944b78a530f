import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

describe('lambda-tune iam-policy', () => {
  it('prints a policy document scoped to the function', async () => {
    const r = await runCli(['iam-policy', '--command', 'sweep', '--function', 'arn:aws:lambda:us-east-1:123456789012:function:f'])
    expect(r.code).toBe(0)
    const policy = JSON.parse(r.stdout)
    expect(policy.Version).toBe('2012-10-17')
    expect(policy.Statement[0].Resource).toContain('arn:aws:lambda:us-east-1:123456789012:function:f:*')
  })

  it('--arch adds what sweep --arch needs, scoped to the copies; --staging-bucket and --role need --arch', async () => {
    const r = await runCli(['iam-policy', '--command', 'sweep', '--arch', '--staging-bucket', 'stage', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.copies).toEqual({ stagingBucket: 'stage', role: null })
    expect(out.policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['LambdaFunction', 'LambdaLogGroups', 'ArchitectureCopies', 'LayerArchitectures', 'PassRoleToCopies', 'StagingBucket', 'ReadOnlyUnscoped'])
    const refused = await runCli(['iam-policy', '--staging-bucket', 'stage'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^Error: --staging-bucket is part of what sweep --arch needs: add --arch/)
  })

  it('refuses a malformed ARN with one line and exit 2', async () => {
    const r = await runCli(['iam-policy', '--function', 'not-an-arn'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/not a Lambda function ARN/)
    expect(r.stdout).toBe('')
  })
})

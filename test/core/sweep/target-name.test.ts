import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { parseFunctionTarget } from '../../../src/core/sweep/target-name.js'

describe('parseFunctionTarget', () => {
  it('reads names, aliases, versions and ARNs', () => {
    expect(parseFunctionTarget('my-fn')).toEqual({ functionName: 'my-fn' })
    expect(parseFunctionTarget('my-fn:live')).toEqual({ functionName: 'my-fn', qualifier: 'live' })
    expect(parseFunctionTarget('my-fn:7')).toEqual({ functionName: 'my-fn', qualifier: '7' })
    expect(parseFunctionTarget('my-fn:$LATEST')).toEqual({ functionName: 'my-fn' })
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn'
    expect(parseFunctionTarget(arn)).toEqual({ functionName: arn, region: 'eu-west-1' })
    expect(parseFunctionTarget(`${arn}:prod`)).toEqual({ functionName: arn, region: 'eu-west-1', qualifier: 'prod' })
  })

  it.each(['', 'my fn', '../etc', 'a:b:c', 'arn:aws:lambda:us-east-1:123:function:x', 'x'.repeat(65)])(
    'refuses %j',
    (text) => {
      expect(() => parseFunctionTarget(text)).toThrow(UsageError)
    },
  )
})

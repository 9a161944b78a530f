import { describe, expect, it } from 'vitest'
import {
  BILLING_PARTS_BY_GROUP_QUERY,
  excludingVersions,
  parseBillingPartsByGroup,
  REPORT_LINES_BY_GROUP_QUERY,
  rowsLackStats,
} from '../../../src/core/report/logs-query.js'
import { failureText, WarningLog } from '../../../src/core/report/call-failure.js'

describe('the REPORT-line queries', () => {
  it('split the billed time by version (from the log stream) and memory size', () => {
    expect(BILLING_PARTS_BY_GROUP_QUERY).toBe(
      'filter @type = "REPORT" | parse @logStream /\\[(?<version>[^\\]]+)\\]/ | stats count(*) as invocations, sum(@billedDuration) as billedSum by @log, version, @memorySize',
    )
    const parts = parseBillingPartsByGroup([
      [{ field: '@log', value: '1:/aws/lambda/a' }, { field: 'version', value: '$LATEST' }, { field: '@memorySize', value: '128000000' }, { field: 'invocations', value: '3' }, { field: 'billedSum', value: '1001' }],
      [{ field: '@log', value: '1:/aws/lambda/a' }, { field: 'version', value: '4' }, { field: '@memorySize', value: '512000000' }, { field: 'invocations', value: '2' }, { field: 'billedSum', value: '10' }],
    ])
    expect(parts.get('/aws/lambda/a')).toEqual([
      { version: '$LATEST', memoryMB: 128, invocations: 3, billedMs: 1001 },
      { version: '4', memoryMB: 512, invocations: 2, billedMs: 10 },
    ])
  })

  it('leave out the log streams of given versions', () => {
    expect(excludingVersions(REPORT_LINES_BY_GROUP_QUERY, ['3', '12'])).toMatch(/^filter @type = "REPORT" and @logStream not like \/\\\[\(3\|12\)\\\]\/ \| stats /)
    expect(excludingVersions(REPORT_LINES_BY_GROUP_QUERY, [])).toBe(REPORT_LINES_BY_GROUP_QUERY)
  })

  it('notice rows that lack the stats fields', () => {
    expect(rowsLackStats([[{ field: '@log', value: 'x' }]])).toBe(true)
    expect(rowsLackStats([[{ field: 'invocations', value: '1' }, { field: 'coldStarts', value: '0' }]])).toBe(false)
    expect(rowsLackStats([])).toBe(false)
  })
})

describe('WarningLog', () => {
  it('says each cause once, naming everything it cost', () => {
    const log = new WarningLog()
    const f = { call: 'GetMetricData', status: 500, kind: 'other' as const, code: 'an HTML page', message: '' }
    log.failure(f, 'duration percentiles are null')
    log.failure(f, 'duration percentiles are null')
    log.failure(f, 'Lambda Insights figures are null')
    log.failure({ ...f, status: 503 }, 'duration percentiles are null')
    log.add('x')
    log.add('x')
    expect(log.list()).toEqual([
      'GetMetricData answered HTTP 500 with an HTML page, not an AWS error: duration percentiles are null; Lambda Insights figures are null',
      'GetMetricData answered HTTP 503 with an HTML page, not an AWS error: duration percentiles are null',
      'x',
    ])
    expect(failureText({ call: 'StartQuery', status: null, kind: 'network', code: 'ECONNRESET', message: '' })).toBe('StartQuery got no answer (ECONNRESET)')
  })
})

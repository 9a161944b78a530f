import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { checkPage, chromiumPath } from '../helpers/chromium.js'
import { startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'

/**
 * Each HTML page lambda-tune writes (sweep, report, compare), made by bin/run.js against an emulator, opened in a real
 * headless Chromium: it must render a page with its charts, log no error or warning, and ask the network for nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-html-'))
let emu: TestEmulator

function run(args: string[], aws = true) {
  return runCli([...args, ...(aws ? ['--endpoint-url', emu.endpoint, '--region', 'us-east-1'] : [])], {
    env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, LAMBDA_TUNE_STATE_DIR: dir },
  })
}

beforeAll(async () => {
  emu = await startTestEmulator()
  // memory-hog fails at 128 MB (out of memory): the page must show a failed value too
  const html = await run(['sweep', 'memory-hog', '--memory', '128,512,1024', '-n', '4', '--monthly-requests', '2M', '--format', 'html', '--out', join(dir, 'sweep.html')])
  expect(html.code, html.stderr).toBe(0)
  for (const name of ['a', 'b']) {
    const r = await run(['sweep', 'noop', '--memory', '128,256', '-n', '6', '--json', '--out', join(dir, `${name}.json`)])
    expect(r.code, r.stderr).toBe(0)
  }
  const report = await run(['report', '--all', '--since', '1h', '--format', 'html', '--out', join(dir, 'report.html')])
  expect(report.code, report.stderr).toBe(0)
  const compare = await run(['compare', join(dir, 'a.json'), join(dir, 'b.json'), '--fail-on-regression', '50', '--format', 'html', '--out', join(dir, 'compare.html')], false)
  expect(compare.code, compare.stderr).toBe(0)
}, 120_000)

afterAll(async () => {
  await emu?.stop()
})

describe('the HTML pages in headless Chromium', () => {
  it('finds a headless Chromium (.ci/run installs chromium-headless-shell when it is missing)', () => {
    expect(chromiumPath()).toBeDefined()
  })

  it.each([
    ['sweep', 1],
    ['report', 1],
    ['compare', 2],
  ])('%s.html renders its charts, with no console error and no request', async (name, charts) => {
    const page = await checkPage(join(dir, `${name}.html`))
    expect(page.errors).toEqual([])
    expect(page.requests).toEqual([])
    expect(page.textLength).toBeGreaterThan(300)
    expect(page.svgs).toHaveLength(charts)
    for (const svg of page.svgs) {
      expect(svg.width).toBeGreaterThan(600)
      expect(svg.height).toBeGreaterThan(80)
      expect(svg.shapes).toBeGreaterThan(8)
    }
    expect(page.inkShare).toBeGreaterThan(0.05)
    // a picture a person can open beside the test's output
    writeFileSync(join(dir, `${name}.png`), page.screenshot)
  })

  it('the sweep page shows the failed value, the pick and the monthly cost', () => {
    const html = readFileSync(join(dir, 'sweep.html'), 'utf8')
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    expect(html).toMatch(/class="failed"[^>]*>failed</)
    expect(html).toMatch(/class="pick"[^>]*>pick</)
    expect(html).toMatch(/<th>\$\/month<\/th>/)
  })

  it('the checks catch a blank page and a page that reaches for the network', async () => {
    writeFileSync(join(dir, 'blank.html'), '<!doctype html><html><head><title>blank</title></head><body></body></html>')
    const blank = await checkPage(join(dir, 'blank.html'))
    expect(blank.inkShare).toBe(0)
    expect(blank.textLength).toBe(0)
    writeFileSync(join(dir, 'remote.html'), '<!doctype html><html><body><p>text</p><img src="http://127.0.0.1:9/chart.png" alt="x"></body></html>')
    const remote = await checkPage(join(dir, 'remote.html'))
    expect(remote.requests).toEqual(['http://127.0.0.1:9/chart.png'])
    expect(remote.errors.join('\n')).toMatch(/chart\.png|ERR_/)
  })
})

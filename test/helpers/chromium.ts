import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { unzlibSync } from 'fflate'

/**
 * A real headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3,
 * answers on fd 4, each a JSON message ended by NUL), so the tests need no browser library and no port.
 * Debian's chromium-headless-shell (installed by .ci/run when missing), or chromium with --headless.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.LAMBDA_TUNE_CHROMIUM, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].filter((p): p is string => Boolean(p))
  return candidates.find((p) => existsSync(p))
}

export interface PageCheck {
  /** console messages and log entries of level error or warning, and uncaught exceptions */
  errors: string[]
  /** every request the page made that was not for the file itself (a self-contained page makes none) */
  requests: string[]
  /** the text a reader sees */
  textLength: number
  /** each svg's rendered size, and how many shapes it draws */
  svgs: Array<{ width: number; height: number; shapes: number }>
  /** share of the screenshot's pixels that differ from its top-left pixel (the page's background) */
  inkShare: number
  /** the screenshot, PNG */
  screenshot: Buffer
}

/** Opens an HTML file in headless Chromium and reports what a reader would get: errors, requests, text, charts, pixels. */
export async function checkPage(file: string, options: { width?: number; height?: number; timeoutMs?: number } = {}): Promise<PageCheck> {
  const binary = chromiumPath()
  if (!binary) throw new Error('no headless Chromium: apt-get install chromium-headless-shell (.ci/run does), or set LAMBDA_TUNE_CHROMIUM')
  const profile = mkdtempSync(join(tmpdir(), 'lambda-tune-chromium-'))
  const args = [
    ...(binary.endsWith('headless-shell') ? [] : ['--headless']),
    '--remote-debugging-pipe',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    `--user-data-dir=${profile}`,
    `--window-size=${options.width ?? 1100},${options.height ?? 900}`,
    'about:blank',
  ]
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const cdp = new Cdp(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  try {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
    const errors: string[] = []
    const requests: string[] = []
    const url = pathToFileURL(file).href
    cdp.on(sessionId, 'Runtime.consoleAPICalled', (p: { type: string; args: Array<{ value?: unknown; description?: string }> }) => {
      if (p.type === 'error' || p.type === 'warning' || p.type === 'assert') errors.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`)
    })
    cdp.on(sessionId, 'Runtime.exceptionThrown', (p: { exceptionDetails: { text: string } }) => errors.push(`exception: ${p.exceptionDetails.text}`))
    cdp.on(sessionId, 'Log.entryAdded', (p: { entry: { level: string; text: string; source: string } }) => {
      if (p.entry.level === 'error' || p.entry.level === 'warning') errors.push(`${p.entry.source} ${p.entry.level}: ${p.entry.text}`)
    })
    cdp.on(sessionId, 'Network.requestWillBeSent', (p: { request: { url: string } }) => {
      if (p.request.url !== url) requests.push(p.request.url)
    })
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await cdp.send(`${domain}.enable`, {}, sessionId)
    const loaded = cdp.once(sessionId, 'Page.loadEventFired')
    await cdp.send('Page.navigate', { url }, sessionId)
    await loaded
    const { result } = await cdp.send<{ result: { value: string } }>(
      'Runtime.evaluate',
      {
        expression: `JSON.stringify({
          textLength: document.body.innerText.trim().length,
          svgs: [...document.querySelectorAll('svg')].map((s) => ({ width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height, shapes: s.querySelectorAll('path, circle, rect, line').length })),
        })`,
        returnByValue: true,
      },
      sessionId,
    )
    const dom = JSON.parse(result.value) as Pick<PageCheck, 'textLength' | 'svgs'>
    const shot = await cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)
    const screenshot = Buffer.from(shot.data, 'base64')
    // messages the page's events may still be on their way: one more round trip lets them arrive
    await cdp.send('Runtime.evaluate', { expression: '1' }, sessionId)
    return { errors, requests, ...dom, inkShare: inkShare(screenshot), screenshot }
  } catch (err) {
    throw new Error(`${(err as Error).message}\nchromium stderr:\n${stderr.slice(-2000)}`)
  } finally {
    clearTimeout(timer)
    await cdp.send('Browser.close').catch(() => undefined)
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
    rmSync(profile, { recursive: true, force: true })
  }
}

class Cdp {
  private next = 1
  private buffer = ''
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  private readonly listeners: Array<{ session: string | undefined; method: string; fn(params: never): void }> = []

  constructor(private readonly child: ChildProcess) {
    const out = child.stdio[4] as NodeJS.ReadableStream
    out.setEncoding('utf8')
    out.on('data', (chunk: string) => {
      this.buffer += chunk
      let end: number
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; method?: string; params?: unknown; sessionId?: string; result?: unknown; error?: { message: string } }
        this.buffer = this.buffer.slice(end + 1)
        if (message.id !== undefined) {
          const p = this.pending.get(message.id)
          this.pending.delete(message.id)
          if (message.error) p?.reject(new Error(`CDP: ${message.error.message}`))
          else p?.resolve(message.result)
        } else if (message.method) {
          for (const l of this.listeners) if (l.method === message.method && l.session === message.sessionId) l.fn(message.params as never)
        }
      }
    })
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('Chromium exited'))
      this.pending.clear()
    })
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.next++
    const input = this.child.stdio[3] as NodeJS.WritableStream
    return new Promise<T>((resolve, reject) => {
      if (this.child.exitCode !== null) return reject(new Error('Chromium exited'))
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`)
    })
  }

  on<P>(session: string, method: string, fn: (params: P) => void): void {
    this.listeners.push({ session, method, fn: fn as (params: never) => void })
  }

  once(session: string, method: string): Promise<void> {
    return new Promise((resolve) => this.on(session, method, () => resolve()))
  }
}

/** The share of pixels of a PNG (8-bit RGB or RGBA, as Chromium writes) that differ from the top-left pixel. */
export function inkShare(png: Buffer): number {
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const depth = png[24]
  const colourType = png[25]
  if (depth !== 8 || (colourType !== 2 && colourType !== 6)) throw new Error(`unexpected PNG: depth ${depth}, colour type ${colourType}`)
  const channels = colourType === 6 ? 4 : 3
  const idat: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = unzlibSync(Buffer.concat(idat))
  const stride = width * channels
  const pixels = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0
      pixels[y * stride + x] = (value + predictor) & 0xff
    }
  }
  let ink = 0
  for (let i = 0; i < pixels.length; i += channels) {
    if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) ink++
  }
  return ink / (width * height)
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

import { esc } from './page.js'

/** Ticks from 0 to a round number at or above `max`: about `count` steps of 1, 2, 2.5 or 5 × a power of ten. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1]
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!
  const ticks: number[] = []
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(round(v))
  if (ticks[ticks.length - 1]! < max) ticks.push(round(ticks[ticks.length - 1]! + step))
  return ticks
}

/** Ticks over [min, max] that include 0 (for changes in percent, which may be negative). */
export function niceRange(min: number, max: number, count = 6): number[] {
  const lo = Math.min(0, min)
  const hi = Math.max(0, max)
  if (hi - lo <= 0) return [0, 1]
  const raw = (hi - lo) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!
  const ticks: number[] = []
  for (let v = Math.floor(lo / step) * step; v < hi + step * 0.999; v += step) ticks.push(round(v))
  return ticks
}

/** Maps [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1
  return (v) => r0 + ((v - d0) / span) * (r1 - r0)
}

/** A coordinate, to a tenth of a pixel: shorter files, the same picture. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10)
}

function round(v: number): number {
  return Math.round(v * 1e9) / 1e9
}

export function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes(attrs)}>${esc(content)}</text>`
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: Record<string, string | number> = {}): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}"${attributes(attrs)}/>`
}

/** A polyline through the points; a null point breaks the line there (a failed value has no duration). */
export function path(points: ReadonlyArray<[number, number] | null>, attrs: Record<string, string | number> = {}): string {
  const parts: string[] = []
  let pen = false
  for (const p of points) {
    if (!p) {
      pen = false
      continue
    }
    parts.push(`${pen ? 'L' : 'M'}${n(p[0])} ${n(p[1])}`)
    pen = true
  }
  return parts.length ? `<path d="${parts.join(' ')}"${attributes(attrs)}/>` : ''
}

/** A closed area between an upper and a lower edge, for an interval band; broken where a point is missing. */
export function band(points: ReadonlyArray<{ x: number; low: number; high: number } | null>, attrs: Record<string, string | number> = {}): string {
  const runs: Array<Array<{ x: number; low: number; high: number }>> = [[]]
  for (const p of points) {
    if (p) runs[runs.length - 1]!.push(p)
    else if (runs[runs.length - 1]!.length) runs.push([])
  }
  return runs
    .filter((r) => r.length > 0)
    .map((r) => {
      // a lone point gets a little width, so that its interval shows
      const pts = r.length === 1 ? [{ ...r[0]!, x: r[0]!.x - 4 }, { ...r[0]!, x: r[0]!.x + 4 }] : r
      const d = [...pts.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.high)}`), ...[...pts].reverse().map((p) => `L${n(p.x)} ${n(p.low)}`), 'Z']
      return `<path d="${d.join(' ')}"${attributes(attrs)}/>`
    })
    .join('')
}

export function circle(x: number, y: number, r: number, attrs: Record<string, string | number> = {}): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"${attributes(attrs)}/>`
}

export function rect(x: number, y: number, w: number, h: number, attrs: Record<string, string | number> = {}): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}"${attributes(attrs)}/>`
}

/** An svg element that scales to its container, with a title and description for screen readers. */
export function svg(width: number, height: number, title: string, description: string, body: string[]): string {
  const id = `c${hash(title + description)}`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}t ${id}d">`,
    `<title id="${id}t">${esc(title)}</title>`,
    `<desc id="${id}d">${esc(description)}</desc>`,
    ...body.filter(Boolean),
    '</svg>',
  ].join('\n')
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('')
}

function hash(text: string): string {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return (h >>> 0).toString(36)
}

/** A label cut to `max` characters, an ellipsis marking the cut: SVG text does not wrap. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

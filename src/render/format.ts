/** Number formats shared by the renderers: fixed, locale-free, short. */

/** USD for people: cents from a cent up, two significant digits below (per-invoke amounts), $0.00 for zero. */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? '-' : ''
  const abs = Math.abs(usd)
  if (abs === 0) return '$0.00'
  if (abs < 0.005) return `${sign}$${Number(abs.toPrecision(2)).toFixed(Math.max(2, -Math.floor(Math.log10(abs)) + 1))}`
  return `${sign}$${groupThousands(abs.toFixed(2))}`
}

/** A count with thousands separators, at most two decimals. */
export function formatCount(n: number): string {
  return groupThousands(String(Math.round(n * 100) / 100))
}

// Not toLocaleString: its first call loads ICU data, which costs a CLI more start-up time than the whole model.
function groupThousands(digits: string): string {
  const [whole = '', fraction] = digits.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

export function fmtMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`
}

export function fmtUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  const abs = Math.abs(value)
  const sign = value < 0 ? '-' : ''
  return abs >= 1000 ? `${sign}$${groupThousands(String(Math.round(abs)))}` : abs >= 1 ? `${sign}$${abs.toFixed(2)}` : `${sign}$${abs.toFixed(4)}`
}

export function fmtCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  return groupThousands(String(Math.round(value)))
}

export function fmtPct(share: number | null | undefined): string {
  if (share === null || share === undefined) return '-'
  return `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)}%`
}

export function fmtSigned(share: number | null | undefined): string {
  if (share === null || share === undefined) return '-'
  return `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`
}

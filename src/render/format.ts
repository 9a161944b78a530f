/** Number formats shared by the renderers: fixed, locale-free, short. */

/** USD in a sentence: cents from a cent up, two significant digits below (per-invoke amounts), $0.00 for zero. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '-'
  const sign = usd < 0 ? '-' : ''
  const abs = Math.abs(usd)
  if (abs === 0) return '$0.00'
  if (abs < 0.005) return `${sign}$${Number(abs.toPrecision(2)).toFixed(Math.max(2, -Math.floor(Math.log10(abs)) + 1))}`
  return `${sign}$${groupThousands(abs.toFixed(2))}`
}

/** An amount in USD in a table cell: formatted together with the table's other amounts (formatUsdColumn). */
export interface Usd {
  usd: number
}

export function usd(amount: number): Usd {
  return { usd: amount }
}

/** Amounts of one table are shown to at most this many decimals: a millionth of a dollar. */
const MAX_DECIMALS = 6

/**
 * One number format for every amount of a table, so that "$0.0022" never stands next to "$0.02": cents when every
 * non-zero amount is a cent or more, otherwise as many decimals as the smallest needs for two significant digits, at
 * most a millionth of a dollar (smaller amounts read "<$0.000001").
 */
export function formatUsdColumn(amounts: readonly number[]): (usd: number) => string {
  const smallest = Math.min(...amounts.map(Math.abs).filter((a) => a > 0 && Number.isFinite(a)))
  const decimals = smallest >= 0.01 || !Number.isFinite(smallest) ? 2 : Math.min(MAX_DECIMALS, 1 - Math.floor(Math.log10(smallest)))
  return (usd) => {
    const abs = Math.abs(usd)
    if (abs > 0 && abs < 10 ** -MAX_DECIMALS) return `${usd < 0 ? '>-' : '<'}$${(10 ** -MAX_DECIMALS).toFixed(MAX_DECIMALS)}`
    const text = abs.toFixed(decimals)
    return `${usd < 0 && Number(text) !== 0 ? '-' : ''}$${groupThousands(text)}`
  }
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

/** A sentence's first letter in capitals: reasons are built in lower case to sit inside other sentences too. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

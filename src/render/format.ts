/** Number formats shared by the report, recommend and compare renderers: fixed, locale-free, short. */
export function fmtMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`
}

export function fmtUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  const abs = Math.abs(value)
  const sign = value < 0 ? '-' : ''
  return abs >= 1000 ? `${sign}$${Math.round(abs).toLocaleString('en-US')}` : abs >= 1 ? `${sign}$${abs.toFixed(2)}` : `${sign}$${abs.toFixed(4)}`
}

export function fmtCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-'
  return Math.round(value).toLocaleString('en-US')
}

export function fmtPct(share: number | null | undefined): string {
  if (share === null || share === undefined) return '-'
  return `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)}%`
}

export function fmtSigned(share: number | null | undefined): string {
  if (share === null || share === undefined) return '-'
  return `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`
}

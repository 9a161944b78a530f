import type { UndoneApply } from '../sweep/apply.js'
import type { RestoredRun, RestoreResult } from '../sweep/restore.js'

/** What `restore` did, one line per run (or one line saying there was nothing to do). */
export function renderRestoreText(result: RestoreResult, fn: string | undefined): string {
  if (result.runs.length === 0 && result.undone.length === 0) return nothingLine(result, fn)
  return [...result.runs.map(describe), ...result.undone.map(describeUndone)].join('\n')
}

/** The same as a Markdown list under a heading, e.g. for a CI step summary. */
export function renderRestoreMarkdown(result: RestoreResult, fn: string | undefined): string {
  const lines = result.runs.length === 0 && result.undone.length === 0 ? [nothingLine(result, fn)] : [...result.runs.map(describe), ...result.undone.map(describeUndone)].map((l) => `- ${l}`)
  return [`### lambda-tune restore: ${where(result)}`, '', ...lines].join('\n')
}

function where(result: RestoreResult): string {
  return `${result.target.endpoint ?? 'AWS'} (${result.target.region})`
}

function nothingLine(result: RestoreResult, fn: string | undefined): string {
  return `No unfinished lambda-tune run${fn ? ` of ${fn}` : ''} on ${where(result)}.`
}

function describe(run: RestoredRun): string {
  const head = `${run.function}: run ${run.runId} (started ${run.startedAt})`
  if (run.configuration === 'running') return `${head}: ${run.detail}`
  const parts = [
    ...(run.alias ? [run.alias.detail] : []),
    run.configuration === 'restored' ? `restored ${run.detail}` : run.detail,
    `deleted ${count(run.deletedAliases, 'alias', 'aliases')}${run.deletedAliases.length ? ` (${run.deletedAliases.join(', ')})` : ''}`,
    `deleted ${count(run.deletedVersions, 'version', 'versions')}${run.deletedVersions.length ? ` (${run.deletedVersions.join(', ')})` : ''}`,
    ...run.problems,
  ]
  return `${head}: ${parts.join('; ')}${run.finished ? '; finished' : ''}`
}

function describeUndone(u: UndoneApply): string {
  const what = u.status === 'restored' ? `put back: ${u.detail}` : u.detail
  return `${u.function}: the --apply of run ${u.runId}: ${[what, ...u.problems].filter(Boolean).join('; ')}${u.finished ? '' : '; not finished, run restore again'}`
}

function count(items: string[], one: string, many: string): string {
  return `${items.length} ${items.length === 1 ? one : many}`
}

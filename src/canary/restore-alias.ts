import type { AliasConfig, CanaryLambdaPort } from '../core/canary/port.js'
import type { RunJournal } from '../state/journal.js'

/** What `restore` did to a canary's alias. */
export interface RestoredAlias {
  name: string
  /**
   * restored: the alias carried the run's routing and routes as found again; unchanged: it already did;
   * left: someone else changed it since (or deleted it), so it was left as it is (see `detail`)
   */
  routing: 'restored' | 'unchanged' | 'left'
  detail: string
}

/**
 * Puts a canary's alias back to its routing as found, if it still carries the run's own routing: the RevisionId the
 * run recorded after its last UpdateAlias, or (when it died before recording one) exactly the weights it recorded
 * before sending it, with the alias's version and description untouched. Anything else is someone else's change.
 */
export async function restoreAlias(port: Pick<CanaryLambdaPort, 'getAlias' | 'setAliasRouting'>, journal: RunJournal): Promise<RestoredAlias> {
  const a = journal.alias!
  const name = a.name
  let now: AliasConfig
  try {
    now = await port.getAlias(journal.functionName, name)
  } catch (err) {
    if (/not found|cannot find/i.test((err as Error).message)) return { name, routing: 'left', detail: `alias ${name} no longer exists` }
    throw err
  }
  const routing = describe(now.weights)
  if (same(now.weights, a.original.weights)) return { name, routing: 'unchanged', detail: `alias ${name} already routes as found (${routing})` }
  const byRevision = a.expectedRevisionId !== undefined && now.revisionId === a.expectedRevisionId
  const byPending =
    a.pending !== undefined &&
    same(now.weights, a.pending) &&
    now.functionVersion === a.original.functionVersion &&
    now.description === a.original.description
  if (!byRevision && !byPending) {
    return {
      name,
      routing: 'left',
      detail: `alias ${name} no longer carries this run's routing (now version ${now.functionVersion}, ${routing}): someone else changed it since, so it was left as it is`,
    }
  }
  await port.setAliasRouting({ functionName: journal.functionName, name, weights: { ...a.original.weights }, ...(now.revisionId ? { revisionId: now.revisionId } : {}) })
  return { name, routing: 'restored', detail: `alias ${name} routed ${routing} -> ${describe(a.original.weights)}` }
}

function same(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k])
}

function describe(weights: Record<string, number>): string {
  const parts = Object.entries(weights).map(([v, w]) => `${Number((w * 100).toFixed(2))}% to version ${v}`)
  return parts.length ? parts.join(', ') : 'no weighted routing'
}

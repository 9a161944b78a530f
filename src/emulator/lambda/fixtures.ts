import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sha256Base64, zipFolder } from './code.js'
import { UsageError } from '../../core/errors.js'
import { parseJsonText } from '../../core/json-text.js'
import { applyConfig, defaultConfig, SUPPORTED_RUNTIMES } from './config.js'
import { parseNewFunctionName } from './names.js'
import type { FunctionStore } from './store.js'

/** A function folder that could not be loaded: the others load all the same. */
export interface LoadProblem {
  /** the function's name (FunctionName in function.json, else the folder's name) */
  name: string
  /** its function.json */
  file: string
  message: string
}

/**
 * Loads every function folder under `dir`: `<name>/function.json` (the CreateFunction members: Runtime, Handler,
 * MemorySize, Timeout, Description, Environment, EphemeralStorage, LoggingConfig, Architectures, Tags; camelCase
 * spellings such as `runtime` or `memorySize` work too) and the code, in `<name>/code/` when that folder exists,
 * otherwise the folder itself. A folder without function.json is skipped; a folder whose function.json is malformed
 * or asks for what the emulator cannot run is skipped and returned as a problem, so one broken folder never keeps the
 * others from loading. The code is served from where it lies. A missing `dir` is a usage error.
 */
export async function loadFunctions(dir: string, store: FunctionStore, zipDir: string): Promise<{ loaded: string[]; problems: LoadProblem[] }> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOTDIR' ? `functions folder ${dir} is a file, not a folder` : `functions folder not found: ${dir}`)
  }
  await mkdir(zipDir, { recursive: true })
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const results = await Promise.all(folders.map((name) => loadOne(join(dir, name), name, store, zipDir)))
  return {
    loaded: results.filter((r): r is string => typeof r === 'string'),
    problems: results.filter((r): r is LoadProblem => typeof r === 'object'),
  }
}

async function loadOne(folder: string, name: string, store: FunctionStore, zipDir: string): Promise<string | LoadProblem | undefined> {
  let text: string
  try {
    text = await readFile(join(folder, 'function.json'), 'utf8')
  } catch {
    return undefined
  }
  const file = join(folder, 'function.json')
  let fnName = name
  try {
    const raw = parseJsonText(text)
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('expected a JSON object of CreateFunction members')
    const body = pascalCase(raw as Record<string, unknown>)
    if (typeof body.FunctionName === 'string') fnName = body.FunctionName
    fnName = parseNewFunctionName(fnName)
    if (body.Runtime !== undefined && (typeof body.Runtime !== 'string' || !SUPPORTED_RUNTIMES.includes(body.Runtime))) {
      throw new Error(`runtime ${JSON.stringify(body.Runtime)} is not one the emulator runs (${SUPPORTED_RUNTIMES.join(', ')})`)
    }
    const config = applyConfig(defaultConfig(fnName), body, fnName)
    const codeSub = join(folder, 'code')
    const codeDir = (await isDir(codeSub)) ? codeSub : folder
    const zip = await zipFolder(codeDir, (rel) => codeDir === folder && rel === 'function.json')
    const zipPath = join(zipDir, `${fnName}.zip`)
    await writeFile(zipPath, zip)
    const tags = (body.Tags ?? {}) as Record<string, string>
    store.addFunction(fnName, config, { codeDir, sha256: sha256Base64(zip), size: zip.length, zipPath }, tags, true)
    return fnName
  } catch (err) {
    return { name: fnName, file, message: err instanceof Error ? err.message : String(err) }
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** function.json may be written as CreateFunction's members or in camelCase with plain values. */
function pascalCase(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const k = key[0]!.toUpperCase() + key.slice(1)
    if (k === 'Environment' && value && typeof value === 'object' && !('Variables' in value)) out.Environment = { Variables: value }
    else if (k === 'EphemeralStorage' && typeof value === 'number') out.EphemeralStorage = { Size: value }
    else if (k === 'LogFormat') out.LoggingConfig = { ...((out.LoggingConfig as object) ?? {}), LogFormat: value }
    else if (k === 'Architecture') out.Architectures = [value]
    else if (k === 'Architectures' && typeof value === 'string') out.Architectures = [value]
    else if (k === 'LoggingConfig') out.LoggingConfig = { ...((out.LoggingConfig as object) ?? {}), ...(value as object) }
    else out[k] = value
  }
  return out
}

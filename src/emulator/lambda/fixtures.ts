import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sha256Base64, zipFolder } from './code.js'
import { applyConfig, defaultConfig } from './config.js'
import { LambdaApiError } from './errors.js'
import { parseNewFunctionName } from './names.js'
import type { FunctionStore } from './store.js'

/**
 * Loads every function folder under `dir`: `<name>/function.json` (the CreateFunction members: Runtime, Handler,
 * MemorySize, Timeout, Description, Environment, EphemeralStorage, LoggingConfig, Architectures, Tags; camelCase
 * spellings such as `runtime` or `memorySize` work too) and the code, in `<name>/code/` when that folder exists,
 * otherwise the folder itself. A folder without function.json is skipped. The code is served from where it lies.
 */
export async function loadFunctions(dir: string, store: FunctionStore, zipDir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    throw new Error(`functions folder not found: ${dir}`)
  }
  await mkdir(zipDir, { recursive: true })
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const loaded = await Promise.all(folders.map((name) => loadOne(join(dir, name), name, store, zipDir)))
  return loaded.filter((n): n is string => n !== undefined)
}

async function loadOne(folder: string, name: string, store: FunctionStore, zipDir: string): Promise<string | undefined> {
  let text: string
  try {
    text = await readFile(join(folder, 'function.json'), 'utf8')
  } catch {
    return undefined
  }
  const where = join(folder, 'function.json')
  try {
    const raw = JSON.parse(text) as Record<string, unknown>
    const body = pascalCase(raw)
    const fnName = parseNewFunctionName(typeof body.FunctionName === 'string' ? body.FunctionName : name)
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
    const message = err instanceof LambdaApiError || err instanceof SyntaxError ? err.message : String(err)
    throw new Error(`${where}: ${message}`)
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

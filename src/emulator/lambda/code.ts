import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat, writeFile, chmod } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { invalidParameter } from './errors.js'

export interface StoredCode {
  /** the unpacked code, never written again once created: versions share it */
  codeDir: string
  /** base64 SHA-256 of the deployment package, as Lambda reports it */
  sha256: string
  /** bytes of the deployment package */
  size: number
  /** the package itself, for GetFunction's Code.Location */
  zipPath?: string
}

const MAX_UNZIPPED = 250 * 1024 * 1024

export function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64')
}

/** Unpacks a deployment package into a fresh folder, refusing entries that would land outside it. */
export async function unpackZip(zip: Uint8Array, codeDir: string): Promise<StoredCode> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(zip)
  } catch (err) {
    throw invalidParameter(`Could not unzip uploaded file. Please check your file, then try to upload again. (${(err as Error).message})`)
  }
  const modes = unixModes(zip)
  let total = 0
  await mkdir(codeDir, { recursive: true })
  for (const [name, data] of Object.entries(files)) {
    if (name.startsWith('/') || name.split(/[\\/]/).includes('..')) {
      throw invalidParameter(`Could not unzip uploaded file: the entry ${JSON.stringify(name)} points outside the package.`)
    }
    total += data.length
    if (total > MAX_UNZIPPED) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED} bytes`)
    const target = join(codeDir, name)
    if (name.endsWith('/')) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, data)
    const mode = modes.get(name)
    // A zip made on Windows carries no modes: a custom runtime's bootstrap must still be executable.
    if ((mode !== undefined && mode & 0o111) || name === 'bootstrap') await chmod(target, 0o755)
  }
  const zipPath = `${codeDir}.zip`
  await writeFile(zipPath, zip)
  return { codeDir, sha256: sha256Base64(zip), size: zip.length, zipPath }
}

/**
 * Unix permission bits of each entry from the zip's central directory (fflate does not expose them, and a custom
 * runtime's `bootstrap` needs its executable bit).
 */
function unixModes(zip: Uint8Array): Map<string, number> {
  const modes = new Map<string, number>()
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return modes
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  const decoder = new TextDecoder()
  for (let n = 0; n < count && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; n++) {
    const madeBy = view.getUint16(at + 4, true) >> 8
    const nameLen = view.getUint16(at + 28, true)
    const extraLen = view.getUint16(at + 30, true)
    const commentLen = view.getUint16(at + 32, true)
    const external = view.getUint32(at + 38, true)
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLen))
    if (madeBy === 3) modes.set(name, external >>> 16)
    at += 46 + nameLen + extraLen + commentLen
  }
  return modes
}

/** Zips a folder deterministically (sorted, fixed times), so that a fixture's CodeSha256 only changes with its code. */
export async function zipFolder(dir: string, skip: (relativePath: string) => boolean = () => false): Promise<Uint8Array> {
  const entries: Zippable = {}
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name)
      const rel = relative(dir, full).split(sep).join('/')
      if (skip(rel)) continue
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) {
        const info = await stat(full)
        entries[rel] = [await readFile(full), { mtime: new Date('2020-01-01T00:00:00Z'), attrs: (info.mode & 0o777) << 16, os: 3 }]
      }
    }
  }
  await walk(dir)
  return zipSync(entries, { level: 6 })
}

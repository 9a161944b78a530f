import { describe, expect, it } from 'vitest'
import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { sha256Base64, unpackZip } from '../../../src/emulator/lambda/code.js'

const fresh = async () => join(await mkdtemp(join(tmpdir(), 'lambda-tune-code-')), 'pkg')

describe('deployment packages', () => {
  it('unpacks nested files, keeps executable bits, and makes a bootstrap executable even without modes', async () => {
    const zip = zipSync({
      'lib/util.js': strToU8('module.exports = 1'),
      'run.sh': [strToU8('#!/bin/sh\necho hi'), { os: 3, attrs: 0o100755 << 16 }],
      'data.txt': [strToU8('plain'), { os: 3, attrs: 0o100644 << 16 }],
      bootstrap: strToU8('#!/bin/sh\n'),
    })
    const dir = await fresh()
    const code = await unpackZip(zip, dir)
    expect(code).toMatchObject({ codeDir: dir, size: zip.length, sha256: sha256Base64(zip) })
    expect(await readFile(join(dir, 'lib/util.js'), 'utf8')).toBe('module.exports = 1')
    expect((await stat(join(dir, 'run.sh'))).mode & 0o111).not.toBe(0)
    expect((await stat(join(dir, 'data.txt'))).mode & 0o111).toBe(0)
    expect((await stat(join(dir, 'bootstrap'))).mode & 0o111).not.toBe(0)
    expect(Buffer.compare(await readFile(code.zipPath!), Buffer.from(zip))).toBe(0)
  })

  it('refuses entries that would land outside the folder', async () => {
    for (const name of ['../escape.js', '/etc/passwd', 'a/../../b.js']) {
      await expect(unpackZip(zipSync({ [name]: strToU8('x') }), await fresh())).rejects.toMatchObject({
        code: 'InvalidParameterValueException',
      })
    }
  })

  it('refuses bytes that are not a zip', async () => {
    await expect(unpackZip(strToU8('hello'), await fresh())).rejects.toMatchObject({ code: 'InvalidParameterValueException' })
  })
})

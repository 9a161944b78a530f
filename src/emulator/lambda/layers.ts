import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { unpackZip, type StoredCode } from './code.js'
import { invalidParameter, notFound, validationError } from './errors.js'
import { lambdaTimestamp } from './model.js'

type Json = Record<string, unknown>

/** One published layer version: its code unpacked (what /opt would hold on Lambda) and what it declares. */
export interface LayerVersion {
  name: string
  version: number
  arn: string
  content: StoredCode
  description: string
  createdDate: string
  compatibleRuntimes: string[]
  compatibleArchitectures: string[]
  licenseInfo?: string
}

/** How a function's configuration refers to a layer version (FunctionConfiguration.Layers). */
export interface FunctionLayer {
  arn: string
  codeSize: number
  /** the unpacked content, which the execution engine puts on the runtime's search paths */
  dir: string
}

const LAYER_NAME = /^(?:arn:[a-zA-Z0-9-]+:lambda:([a-z0-9-]+):(\d{12}):layer:)?([a-zA-Z0-9-_]{1,140})$/
const LAYER_VERSION_ARN = /^arn:[a-zA-Z0-9-]+:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]{1,140}):([0-9]+)$/
const ARCHITECTURES = ['x86_64', 'arm64']
const MAX_LAYERS = 5

/**
 * Lambda layers: PublishLayerVersion (ZipFile, or S3Bucket + S3Key in the emulator's S3), GetLayerVersion,
 * GetLayerVersionByArn, ListLayerVersions, DeleteLayerVersion, and the Layers of a function's configuration. A layer
 * of another region or account does not exist here. CompatibleArchitectures and CompatibleRuntimes are kept as declared:
 * Lambda does not check them when a function uses the layer (lambda-tune does, before it makes a copy).
 */
export class LayerStore {
  private readonly layers = new Map<string, Map<number, LayerVersion>>()
  private readonly next = new Map<string, number>()
  private counter = 0

  constructor(
    private readonly options: {
      region: string
      accountId: string
      dataDir: string
      codeUrl(name: string, version: number): string
      package(content: Json): Buffer
    },
  ) {}

  async publish(rawName: string, body: Json): Promise<Json> {
    const name = this.name(rawName)
    const content = (body.Content ?? {}) as Json
    const zip = this.options.package(content)
    const architectures = stringList(body.CompatibleArchitectures, 'compatibleArchitectures', 2)
    for (const a of architectures) {
      if (!ARCHITECTURES.includes(a)) throw validationError(a, 'compatibleArchitectures', 'Member must satisfy enum value set: [x86_64, arm64]')
    }
    const runtimes = stringList(body.CompatibleRuntimes, 'compatibleRuntimes', 15)
    if (body.Description !== undefined && (typeof body.Description !== 'string' || body.Description.length > 256)) {
      throw validationError(String(body.Description), 'description', 'Member must have length less than or equal to 256')
    }
    const dir = join(this.options.dataDir, name, String(++this.counter))
    let stored: StoredCode
    try {
      stored = await unpackZip(zip, dir)
    } catch (err) {
      await rm(dir, { recursive: true, force: true })
      throw err
    }
    const version = this.next.get(name) ?? 1
    this.next.set(name, version + 1)
    const layer: LayerVersion = {
      name,
      version,
      arn: `${this.layerArn(name)}:${version}`,
      content: stored,
      description: typeof body.Description === 'string' ? body.Description : '',
      createdDate: lambdaTimestamp(),
      compatibleRuntimes: runtimes,
      compatibleArchitectures: architectures,
      ...(typeof body.LicenseInfo === 'string' ? { licenseInfo: body.LicenseInfo } : {}),
    }
    ;(this.layers.get(name) ?? this.layers.set(name, new Map()).get(name)!).set(version, layer)
    return this.json(layer)
  }

  get(rawName: string, version: string): Json {
    return this.json(this.mustGet(this.name(rawName), Number(version)))
  }

  getByArn(arn: string | null): Json {
    const m = arn ? LAYER_VERSION_ARN.exec(arn) : null
    if (!m) throw validationError(String(arn), 'arn', `Member must satisfy regular expression pattern: ${LAYER_VERSION_ARN.source}`)
    if (m[1] !== this.options.region || m[2] !== this.options.accountId) throw layerNotFound()
    return this.json(this.mustGet(m[3]!, Number(m[4])))
  }

  list(rawName: string): Json {
    const name = this.name(rawName)
    const versions = [...(this.layers.get(name)?.values() ?? [])].sort((a, b) => b.version - a.version)
    return { LayerVersions: versions.map((l) => { const { Content: _c, LayerArn: _a, ...item } = this.json(l); return item }) }
  }

  /** Deleting a version that does not exist is not an error, as on Lambda; functions using it keep their copy. */
  delete(rawName: string, version: string): void {
    this.layers.get(this.name(rawName))?.delete(Number(version))
  }

  /** The layers of a CreateFunction or UpdateFunctionConfiguration body, checked as Lambda checks them. */
  resolve(value: unknown): FunctionLayer[] {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidParameter('Layers must be a list of layer version ARNs')
    if (value.length > MAX_LAYERS) throw invalidParameter(`Cannot add more than ${MAX_LAYERS} layers to your function.`)
    const seen = new Set<string>()
    return (value as string[]).map((arn) => {
      const m = LAYER_VERSION_ARN.exec(arn)
      if (!m) throw validationError(arn, 'layers', `Member must satisfy regular expression pattern: ${LAYER_VERSION_ARN.source}`)
      const layer = m[1] === this.options.region && m[2] === this.options.accountId ? this.layers.get(m[3]!)?.get(Number(m[4])) : undefined
      if (!layer) throw invalidParameter(`Layer version ${arn} does not exist.`)
      if (seen.has(layer.name)) throw invalidParameter('Two different versions of the same layer are not allowed to be referenced in the same function.')
      seen.add(layer.name)
      return { arn: layer.arn, codeSize: layer.content.size, dir: layer.content.codeDir }
    })
  }

  /** The stored package of a layer version, for its Content.Location download. */
  contentOf(name: string, version: number): StoredCode | undefined {
    return this.layers.get(name)?.get(version)?.content
  }

  private name(raw: string): string {
    const m = LAYER_NAME.exec(raw)
    if (!m) throw validationError(raw, 'layerName', `Member must satisfy regular expression pattern: ${LAYER_NAME.source}`)
    if (m[1] !== undefined && (m[1] !== this.options.region || m[2] !== this.options.accountId)) throw layerNotFound()
    return m[3]!
  }

  private mustGet(name: string, version: number): LayerVersion {
    const layer = this.layers.get(name)?.get(version)
    if (!layer) throw layerNotFound()
    return layer
  }

  private layerArn(name: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:layer:${name}`
  }

  private json(l: LayerVersion): Json {
    return {
      Content: { Location: this.options.codeUrl(l.name, l.version), CodeSha256: l.content.sha256, CodeSize: l.content.size },
      LayerArn: this.layerArn(l.name),
      LayerVersionArn: l.arn,
      Description: l.description,
      CreatedDate: l.createdDate,
      Version: l.version,
      ...(l.compatibleRuntimes.length ? { CompatibleRuntimes: [...l.compatibleRuntimes] } : {}),
      ...(l.compatibleArchitectures.length ? { CompatibleArchitectures: [...l.compatibleArchitectures] } : {}),
      ...(l.licenseInfo !== undefined ? { LicenseInfo: l.licenseInfo } : {}),
    }
  }
}

function layerNotFound() {
  return notFound('The resource you requested does not exist.')
}

function stringList(value: unknown, member: string, max: number): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw validationError(String(value), member, 'Member must be a list of strings')
  if (value.length > max) throw validationError(String(value), member, `Member must have length less than or equal to ${max}`)
  return [...(value as string[])]
}

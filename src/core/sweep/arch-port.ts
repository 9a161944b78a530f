import type { CopyRequest, LayerInfo } from './arch-copy.js'
import type { FunctionConfig } from './port.js'

/** What GetFunction says about a function: its configuration, where its code is, and its tags. */
export interface FunctionDetails {
  config: FunctionConfig
  /** a URL that returns the .zip package (pre-signed, valid for minutes); absent for a container image */
  codeLocation?: string
  imageUri?: string
  tags: Record<string, string>
}

/** The code of a copy: the package itself, an object in the staging bucket, or an image. */
export type CopyCode = { ZipFile: Uint8Array } | { S3Bucket: string; S3Key: string } | { ImageUri: string }

/**
 * The Lambda calls that make and remove a temporary copy of a function (src/aws/lambda-copy.ts over the SDK). Deleting
 * a whole function is only ever asked of a copy: the adapter refuses any other name.
 */
export interface CopyPort {
  /** undefined when there is no such function */
  getFunction(functionName: string): Promise<FunctionDetails | undefined>
  getLayerVersion(arn: string): Promise<LayerInfo>
  /** GET of Code.Location */
  downloadCode(location: string): Promise<Uint8Array>
  createFunction(request: CopyRequest, code: CopyCode): Promise<FunctionConfig>
  /** SDK waiter: State Active */
  waitUntilActive(functionName: string): Promise<void>
  /** DeleteFunction without a qualifier, for a copy's name only */
  deleteCopy(functionName: string): Promise<void>
}

/** The staging bucket's calls (src/aws/s3-staging.ts). */
export interface StagingPort {
  put(bucket: string, key: string, body: Uint8Array): Promise<void>
  delete(bucket: string, key: string): Promise<void>
}

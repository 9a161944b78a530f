import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { StagingPort } from '../core/sweep/arch-port.js'
import { controlPlaneCall } from './lambda.js'

/** The staging bucket: a copy's package goes there when it is too large for CreateFunction, and is deleted after. */
export function stagingPort(client: S3Client, endpoint?: string): StagingPort {
  return {
    put: (bucket, key, body) =>
      controlPlaneCall(`uploading s3://${bucket}/${key}`, async () => {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip' }))
      }, endpoint),
    delete: (bucket, key) =>
      controlPlaneCall(`deleting s3://${bucket}/${key}`, async () => {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
      }, endpoint),
  }
}

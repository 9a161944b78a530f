import type { IamPolicy } from '../core/iam-policy.js'

/** The policy document as IAM takes it (`aws iam create-policy --policy-document file://...`). */
export function renderPolicyDocument(policy: IamPolicy): string {
  return JSON.stringify(policy, null, 2)
}

/** The document in a fenced block under a heading naming the commands it covers. */
export function renderPolicyMarkdown(policy: IamPolicy, commands: readonly string[], functionArn: string | null): string {
  const scope = functionArn ? `, scoped to \`${functionArn}\`` : ''
  return [`### IAM policy for lambda-tune ${commands.join(', ')}${scope}`, '', '```json', renderPolicyDocument(policy), '```'].join('\n')
}

import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { POLICY_COMMANDS, buildIamPolicy, type IamPolicy, type PolicyCommand } from '../core/iam-policy.js'
import { outputFlags } from '../flags.js'
import { renderPolicyDocument, renderPolicyMarkdown } from '../render/iam-policy.js'

/** `iam-policy --json` (schemas/iam-policy.json): the document with what it covers; the document alone is `policy`. */
export interface IamPolicyResult {
  schemaVersion: 1
  commands: PolicyCommand[]
  function: string | null
  policy: IamPolicy
}

export default class IamPolicyCommand extends BaseCommand {
  static override summary = 'Print the least-privilege IAM policy that lambda-tune needs'
  static override description =
    'Prints an IAM policy document with only the actions the chosen commands call. With --function, every action ' +
    'that IAM can scope is limited to that function (its versions and aliases) and its log group. The default output ' +
    'is the document itself, ready for `aws iam create-policy --policy-document file://policy.json`; --json wraps it ' +
    'with the commands it covers, as every command\'s JSON does.'
  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy --command sweep --function arn:aws:lambda:us-east-1:123456789012:function:my-fn --out policy.json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    function: Flags.string({ description: 'scope the policy to this function ARN' }),
    command: Flags.option({ options: POLICY_COMMANDS, multiple: true, description: 'only the actions of these commands (default: all)' })(),
    ...outputFlags,
  }

  async run(): Promise<IamPolicyResult & JsonStamp> {
    const { flags } = await this.parse(IamPolicyCommand)
    const commands = flags.command ?? POLICY_COMMANDS
    const policy = buildIamPolicy(commands, flags.function)
    const result = this.stamp('iam-policy', { schemaVersion: 1 as const, commands: [...commands], function: flags.function ?? null, policy })
    await this.emit(result, flags, { md: () => renderPolicyMarkdown(policy, commands, flags.function ?? null), table: () => renderPolicyDocument(policy) })
    return result
  }
}

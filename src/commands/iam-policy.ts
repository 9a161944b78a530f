import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../base-command.js'
import { POLICY_COMMANDS, buildIamPolicy, type IamPolicy } from '../core/iam-policy.js'

export default class IamPolicyCommand extends BaseCommand {
  static override summary = 'Print the least-privilege IAM policy that lambda-tune needs'
  static override description =
    'Prints an IAM policy document with only the actions the chosen commands call. With --function, every action ' +
    'that IAM can scope is limited to that function (its versions and aliases) and its log group.'
  static override examples = [
    '<%= config.bin %> iam-policy',
    '<%= config.bin %> iam-policy --command sweep --function arn:aws:lambda:us-east-1:123456789012:function:my-fn',
  ]
  static override flags = {
    function: Flags.string({ description: 'scope the policy to this function ARN' }),
    command: Flags.option({ options: POLICY_COMMANDS, multiple: true, description: 'only the actions of these commands (default: all)' })(),
  }

  async run(): Promise<IamPolicy> {
    const { flags } = await this.parse(IamPolicyCommand)
    const policy = buildIamPolicy(flags.command ?? POLICY_COMMANDS, flags.function)
    this.log(JSON.stringify(policy, null, 2))
    return policy
  }
}

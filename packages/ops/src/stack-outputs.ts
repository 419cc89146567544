// The outputs of every stack of a stage, merged: the local stage's from the last deploy, other stages' from
// CloudFormation with the usual AWS credentials and the aws CLI.
import { readDeployedOutputs, STAGE } from '@commerce/local-cloud';
import { execFileSync } from 'node:child_process';

export function stackOutputsOf(stage: string): Record<string, string> {
  if (stage === STAGE)
    return Object.assign({}, ...Object.values(readDeployedOutputs())) as Record<string, string>;
  const json = execFileSync('aws', [
    'cloudformation',
    'describe-stacks',
    '--query',
    `Stacks[?starts_with(StackName, 'Commerce-${stage}-')].Outputs[]`,
    '--output',
    'json',
  ]).toString();
  const list = JSON.parse(json) as { OutputKey: string; OutputValue: string }[];
  return Object.fromEntries(list.map((o) => [o.OutputKey, o.OutputValue]));
}

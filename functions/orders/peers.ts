// The other services' internal functions orders calls at checkout and after it (Lambda Invoke under IAM;
// each function's name comes from the environment the stack sets, see infra/services/orders.ts). A refusal
// comes back as { error } shaped like problem+json; a function error (the callee crashed or timed out) is
// thrown as PeerUnavailableError so the caller can tell "said no" from "did not answer".
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { InternalProblem, InternalResult } from '@commerce/lambda-kit/internal';

/** The callee did not answer (function error, throttled, timed out): nothing is known about its effect. */
export class PeerUnavailableError extends Error {
  readonly peer: string;
  constructor(peer: string, detail: string) {
    super(`${peer} did not answer: ${detail}`);
    this.peer = peer;
  }
}

/** The callee refused the request; `problem` is its answer. */
export class PeerRefusedError extends Error {
  readonly peer: string;
  readonly problem: InternalProblem;
  constructor(peer: string, problem: InternalProblem) {
    super(`${peer} refused: ${problem.status} ${problem.type}: ${problem.detail}`);
    this.peer = peer;
    this.problem = problem;
  }
}

let lambda: LambdaClient | undefined;
const client = (): LambdaClient => (lambda ??= new LambdaClient({}));

/** Invokes `functionName` with `payload` and returns its result, or its { error } answer. */
export async function invoke<T extends object>(
  peer: string,
  functionName: string,
  payload: object,
): Promise<InternalResult<T>> {
  let answer;
  try {
    answer = await client().send(
      new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload)) }),
    );
  } catch (error) {
    throw new PeerUnavailableError(peer, error instanceof Error ? error.message : String(error));
  }
  const text = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
  if (answer.FunctionError)
    throw new PeerUnavailableError(peer, `${answer.FunctionError} ${text.slice(0, 300)}`);
  return JSON.parse(text) as InternalResult<T>;
}

/** Like `invoke`, but a refusal is thrown as PeerRefusedError. */
export async function call<T extends object>(
  peer: string,
  functionName: string,
  payload: object,
): Promise<T> {
  const result = await invoke<T>(peer, functionName, payload);
  if ('error' in result) throw new PeerRefusedError(peer, result.error);
  return result;
}

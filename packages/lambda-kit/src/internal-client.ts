// The caller side of an internal function: a typed client per contract from @commerce/contracts. It finds
// the callee's deployed name in the environment variable infra sets on the caller (the contract's
// functionEnv), checks the request against the contract before sending it, invokes the function (Lambda
// Invoke, RequestResponse, under IAM) and checks what comes back: the contract's reply, or a refusal shaped
// like problem+json. Anything else — a function error, throttling, a timeout, a reply neither shape allows —
// is PeerUnavailableError, so a caller can tell "said no" (PeerRefusedError, or { error } from invoke)
// from "did not answer", where nothing is known about the effect.
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import {
  internalProblemSchema,
  isInternalError,
  type InternalContract,
  type InternalProblem,
  type InternalResult,
} from '@commerce/contracts';
import * as core from 'zod/v4/core';
import * as z from 'zod/mini';
import { ValidationError } from './errors.ts';
import { problemOf } from './internal.ts';
import { toFieldErrors } from './zod-errors.ts';

/** The callee did not answer (function error, throttled, timed out, malformed reply): its effect is unknown. */
export class PeerUnavailableError extends Error {
  /** The callee's service. */
  readonly peer: string;
  /** The callee's function (the contract's name). */
  readonly operation: string;
  constructor(peer: string, operation: string, detail: string) {
    super(`${peer}.${operation} did not answer: ${detail}`);
    this.peer = peer;
    this.operation = operation;
  }
}

/** The callee refused the request; `problem` is its answer. */
export class PeerRefusedError extends Error {
  readonly peer: string;
  readonly operation: string;
  readonly problem: InternalProblem;
  constructor(peer: string, operation: string, problem: InternalProblem) {
    super(`${peer}.${operation} refused: ${problem.status} ${problem.type}: ${problem.detail}`);
    this.peer = peer;
    this.operation = operation;
    this.problem = problem;
  }
}

/** What the client needs of Lambda: the SDK client, or a stand-in in tests. */
export interface LambdaPort {
  send(command: InvokeCommand): Promise<InvokeCommandOutput>;
}

export interface InternalClientOptions {
  /** @default one LambdaClient per process, created at the first call of any client */
  readonly lambda?: LambdaPort;
  /** Where the callee's function name is read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface InternalClient<Req extends core.$ZodType, Rep extends core.$ZodType<object>> {
  /** The callee's reply, or its refusal as { error }; throws PeerUnavailableError when it did not answer. */
  invoke(request: core.input<Req>): Promise<InternalResult<core.output<Rep>>>;
  /** Like `invoke`, but a refusal is thrown as PeerRefusedError. */
  call(request: core.input<Req>): Promise<core.output<Rep>>;
}

let sharedLambda: LambdaClient | undefined;
const defaultLambda = (): LambdaPort => (sharedLambda ??= new LambdaClient({}));

const refusalSchema = z.object({ error: internalProblemSchema });

const describeIssues = (issues: readonly core.$ZodIssue[]): string =>
  issues.map((i) => `/${i.path.join('/')}: ${i.message}`).join('; ');

/** The client of one internal function. Build it once per module; it reads nothing until the first call. */
export function internalClient<Req extends core.$ZodType, Rep extends core.$ZodType<object>>(
  contract: InternalContract<Req, Rep>,
  options: InternalClientOptions = {},
): InternalClient<Req, Rep> {
  const { service, name } = contract;
  let functionName: string | undefined;
  const target = (): string => {
    if (functionName === undefined) {
      const value = (options.env ?? process.env)[contract.functionEnv];
      if (!value) {
        throw new Error(
          `${contract.functionEnv} is not set: this function is not wired to call ${service}.${name}`,
        );
      }
      functionName = value;
    }
    return functionName;
  };
  const unavailable = (detail: string) => new PeerUnavailableError(service, name, detail);

  async function invoke(request: core.input<Req>): Promise<InternalResult<core.output<Rep>>> {
    const FunctionName = target();
    const checked = core.safeParse(contract.request, request);
    if (!checked.success) {
      // The callee would refuse it with exactly this 400: answer that refusal without the round trip, so the
      // caller handles it as it handles any refusal (a limit one side allows and the other does not is a
      // 400 for the request, never a crash).
      return problemOf(new ValidationError(toFieldErrors('body', checked.error.issues)));
    }
    let answer: InvokeCommandOutput;
    try {
      // The request as built (the callee applies the contract's defaults itself).
      answer = await (options.lambda ?? defaultLambda()).send(
        new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(request)) }),
      );
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    }
    const text = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
    if (answer.FunctionError) throw unavailable(`${answer.FunctionError} ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw unavailable(`a reply that is not JSON: ${text.slice(0, 100)}`);
    }
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const refusal = core.safeParse(refusalSchema, body);
      if (refusal.success) return refusal.data;
      throw unavailable(`a refusal its contract does not allow: ${describeIssues(refusal.error.issues)}`);
    }
    const reply = core.safeParse(contract.reply, body);
    if (reply.success) return reply.data;
    throw unavailable(`a reply its contract does not allow: ${describeIssues(reply.error.issues)}`);
  }

  return {
    invoke,
    async call(request) {
      const result = await invoke(request);
      if (isInternalError(result)) throw new PeerRefusedError(service, name, result.error);
      return result;
    },
  };
}

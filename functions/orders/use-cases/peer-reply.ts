// A peer's reply where the use case has nothing to say to a refusal: the refusal is thrown, as the typed
// client's `call` throws it (PeerRefusedError: a 500 for a request, a retry through SQS for a consumer).
import { isInternalError, type InternalContract, type InternalResult } from '@commerce/contracts';
import { PeerRefusedError } from '@commerce/lambda-kit/internal-client';

export function replyOf<T extends object>(result: InternalResult<T>, contract: InternalContract): T {
  if (isInternalError(result)) throw new PeerRefusedError(contract.service, contract.name, result.error);
  return result;
}

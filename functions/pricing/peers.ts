// Pricing's one peer: promotions' internal `evaluate`, which the quote asks when its request carries
// `promotions` (Lambda Invoke under IAM, typed by the contract). A refusal (PeerRefusedError: the request is
// built here, so it is our fault) or an unreachable callee fails the quote: a price must not silently lose
// its promotions.
import { promotionsEvaluate } from '@commerce/contracts';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import type { AskPromotions } from './pricing.ts';

const evaluate = internalClient(promotionsEvaluate);

export const askPromotions: AskPromotions = (request) => evaluate.call(request);

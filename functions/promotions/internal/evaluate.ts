// Internal `evaluate` (contract: promotionsEvaluate in @commerce/contracts): which promotions apply to a
// priced basket, what each takes off each line and shipping, and why every other candidate does not.
import { promotionsEvaluate } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { evaluator } from '../runtime.ts';

export const handler = internalFunction(promotionsEvaluate, async ({ correlationId: _c, ...request }) => {
  const answer = await evaluator.evaluate(request);
  return {
    applied: answer.applied.map((a) => ({ ...a, lines: [...a.lines] })),
    verdicts: answer.verdicts.map((v) =>
      v.applied ? { ...v, lines: [...v.lines] } : { ...v, reason: { ...v.reason } },
    ),
    lineDiscounts: [...answer.lineDiscounts],
    shippingDiscount: answer.shippingDiscount,
    unknownCodes: [...answer.unknownCodes],
  };
});

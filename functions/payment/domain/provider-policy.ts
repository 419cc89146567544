// Which gateways this stage takes payments through (the stage's `payments.providers`, docs/payments.md,
// "Secrets and provider selection"). A gateway outside the list is refused before anything is read or
// written: on prod the sandbox is not in it, so no `tok_sandbox_approve` can pay for real goods. Pure.
import { UnprocessableError, type FieldError } from '@commerce/lambda-kit/errors';

/** A gateway this stage does not allow: 422 `payment-provider-not-allowed`, pointing at where it was named. */
export class ProviderNotAllowedError extends UnprocessableError {
  constructor(name: string, allowed: readonly string[], where: Pick<FieldError, 'in' | 'pointer'>) {
    super(
      `The ${name} payment provider is not available on this stage; use one of ${allowed.join(', ')}.`,
      'payment-provider-not-allowed',
      [{ ...where, detail: `Must be one of ${allowed.join(', ')}.` }],
    );
  }
}

/** Throws ProviderNotAllowedError unless `name` is one of `allowed`. */
export function assertProviderAllowed<N extends string>(
  name: string,
  allowed: readonly N[],
  where: Pick<FieldError, 'in' | 'pointer'>,
): asserts name is N {
  if (!(allowed as readonly string[]).includes(name)) throw new ProviderNotAllowedError(name, allowed, where);
}

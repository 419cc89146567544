// The import boundaries ESLint enforces (scripts/eslint/boundaries.js): what crosses them, what does not,
// and that the lint configuration applies the rule to every function's code.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundaryViolation } from '../../scripts/eslint/boundaries.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const file = (p: string) => path.join(root, p);

describe('import boundaries', () => {
  it('refuse another service’s code, relative however deep', () => {
    expect(boundaryViolation(file('functions/orders/pricing.ts'), '../pricing/domain/quote.ts')).toMatch(
      'functions/orders may not import functions/pricing',
    );
    expect(boundaryViolation(file('functions/orders/http/checkout.ts'), '../../payment/payments.ts')).toMatch(
      'functions/orders may not import functions/payment',
    );
  });

  it('refuse the CDK app from functions', () => {
    expect(boundaryViolation(file('functions/auth/authorizer.ts'), '../../infra/services/index.ts')).toMatch(
      'functions/ may not import infra/',
    );
  });

  it('refuse the AWS SDK and the kit’s AWS parts in domain code, not elsewhere', () => {
    const domain = file('functions/orders/domain/order.ts');
    expect(boundaryViolation(domain, '@aws-sdk/client-dynamodb')).toMatch('AWS SDK');
    expect(boundaryViolation(domain, '@commerce/lambda-kit/clients')).toMatch("kit's AWS parts");
    expect(boundaryViolation(domain, '@commerce/lambda-kit/outbox')).toMatch("kit's AWS parts");
    // A type loads nothing: a store port may name the outbox item it writes; the SDK's types stay out.
    expect(boundaryViolation(domain, '@commerce/lambda-kit/outbox', true)).toBeUndefined();
    expect(boundaryViolation(domain, '@aws-sdk/lib-dynamodb', true)).toMatch('AWS SDK');
    expect(boundaryViolation(domain, '@commerce/lambda-kit/errors')).toBeUndefined();
    expect(boundaryViolation(domain, '@commerce/events')).toBeUndefined();
    expect(boundaryViolation(file('functions/orders/store.ts'), '@aws-sdk/lib-dynamodb')).toBeUndefined();
  });

  it('allow a service its own code and the shared packages', () => {
    const handler = file('functions/orders/http/checkout.ts');
    expect(boundaryViolation(handler, '../domain/order.ts')).toBeUndefined();
    expect(boundaryViolation(handler, '@commerce/contracts')).toBeUndefined();
    expect(
      boundaryViolation(file('infra/services/registry.ts'), '../../functions/orders/service.ts'),
    ).toBeUndefined();
  });

  it('are enforced by the lint configuration on every function', async () => {
    const config = (await new ESLint({ cwd: root }).calculateConfigForFile(
      file('functions/orders/domain/order.ts'),
    )) as { rules: Record<string, unknown> };
    expect(config.rules['house/boundaries']).toEqual([2]);
  });
});

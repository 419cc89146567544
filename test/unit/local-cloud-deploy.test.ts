// Which stacks a local deploy needs after a change: a change inside one service's code deploys that
// service's stack alone; anything reaching further deploys every stack.
import { describe, expect, it } from 'vitest';
import { changedFiles, serviceStacksFor } from '../../packages/local-cloud/src/deploy.ts';

const isService = (name: string) => ['catalog', 'orders', 'payment'].includes(name);

describe('the local deploy’s selection', () => {
  it('tells added, changed and removed files apart from unchanged ones', () => {
    expect(changedFiles({ a: '1:1', b: '2:2', c: '3:3' }, { a: '1:1', b: '2:9', d: '4:4' })).toEqual([
      'b',
      'c',
      'd',
    ]);
  });

  it('deploys only the stacks of the services whose own code changed', () => {
    expect(serviceStacksFor(['functions/catalog/http/get-product.ts'], 'local', isService)).toEqual([
      'Commerce-local-Catalog',
    ]);
    expect(
      serviceStacksFor(
        ['functions/orders/domain/order.ts', 'functions/catalog/store.ts', 'functions/orders/service.ts'],
        'local',
        isService,
      ),
    ).toEqual(['Commerce-local-Catalog', 'Commerce-local-Orders']);
  });

  it('deploys everything when a change reaches beyond services’ own code', () => {
    for (const file of [
      'functions/catalog/routes.ts',
      'functions/auth/authorizer.ts',
      'functions/platform/outbox-relay.ts',
      'packages/lambda-kit/src/http.ts',
      'events/src/orders/order-paid.ts',
      'infra/constructs/service.ts',
      'package-lock.json',
    ]) {
      expect(
        serviceStacksFor(['functions/catalog/store.ts', file], 'local', isService),
        file,
      ).toBeUndefined();
    }
  });
});

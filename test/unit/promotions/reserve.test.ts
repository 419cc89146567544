// Reserving on in-memory ports: each promotion once per order (one transaction cannot move a counter twice),
// an unknown promotion is a 404, and the ledger gets the limits the promotion states now.
import { describe, expect, it } from 'vitest';
import type { Claim, PromotionStore, RedemptionLedger } from '../../../functions/promotions/domain/ports.ts';
import { Promotions } from '../../../functions/promotions/promotions.ts';
import { AT, promotion } from './fixtures.ts';

const limited = {
  ...promotion({ limits: { redemptions: 20 } }),
  codes: [],
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
};

function setup() {
  const reserved: Claim[][] = [];
  const store = {
    get: (id: string) => Promise.resolve(id === limited.id ? limited : undefined),
  } as unknown as PromotionStore;
  const ledger = {
    reserve: (_order: string, _buyer: string, claims: readonly Claim[]) => {
      reserved.push([...claims]);
      return Promise.resolve({ kind: 'reserved' as const, redemptions: [] });
    },
  } as unknown as RedemptionLedger;
  return { promotions: new Promotions(store, ledger, () => AT), reserved };
}

describe('reserve', () => {
  it('refuses a promotion named twice for one order, before any write', async () => {
    const { promotions, reserved } = setup();
    const use = { promotionId: limited.id, amount: 100, currency: 'EUR' };
    await expect(promotions.reserve('o1', { email: 'a@example.com' }, [use, use])).rejects.toMatchObject({
      status: 422,
      problemType: 'duplicate-promotion',
    });
    expect(reserved).toEqual([]);
  });

  it('answers 404 for an unknown promotion and passes the stored limits to the ledger', async () => {
    const { promotions, reserved } = setup();
    await expect(
      promotions.reserve('o1', { customerId: 'c1' }, [
        { promotionId: 'pr_unknown', amount: 1, currency: 'EUR' },
      ]),
    ).rejects.toMatchObject({ status: 404 });
    await promotions.reserve('o2', { customerId: 'c1' }, [
      { promotionId: limited.id, amount: 100, currency: 'EUR' },
    ]);
    expect(reserved).toEqual([
      [{ promotionId: limited.id, amount: 100, currency: 'EUR', limits: { redemptions: 20 } }],
    ]);
  });
});

// Reserving on in-memory ports: each promotion once per order (one transaction cannot move a counter twice),
// an unknown promotion is a 404, and the ledger gets the limits the promotion states now; the promotion's own
// single-use code is held with it, and one another order holds is a 409.
import { describe, expect, it } from 'vitest';
import type {
  Claim,
  PromotionStore,
  RedemptionLedger,
  ReserveOutcome,
} from '../../../functions/promotions/domain/ports.ts';
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

describe('reserve with a single-use code', () => {
  const coded = { ...limited, id: 'pr_coded', trigger: 'code' as const };

  function withCodes(outcome: ReserveOutcome = { kind: 'reserved', redemptions: [] }) {
    const reserved: Claim[][] = [];
    const store = {
      get: (id: string) => Promise.resolve(id === coded.id ? coded : id === limited.id ? limited : undefined),
      byCode: (code: string) =>
        Promise.resolve(
          code === 'WINABCDEFGH' ? { ...coded, singleUse: {} } : code === 'SHARED' ? coded : undefined,
        ),
    } as unknown as PromotionStore;
    const ledger = {
      reserve: (_order: string, _buyer: string, claims: readonly Claim[]) => {
        reserved.push([...claims]);
        return Promise.resolve(outcome);
      },
    } as unknown as RedemptionLedger;
    return { promotions: new Promotions(store, ledger, () => AT), reserved };
  }

  it('asks the ledger to hold the promotion’s own single-use code, and only that', async () => {
    const { promotions, reserved } = withCodes();
    await promotions.reserve('o1', { customerId: 'c1' }, [
      { promotionId: coded.id, amount: 100, currency: 'EUR', code: 'WINABCDEFGH' },
    ]);
    await promotions.reserve('o2', { customerId: 'c1' }, [
      { promotionId: coded.id, amount: 100, currency: 'EUR', code: 'SHARED' },
    ]);
    // A single-use code of another promotion is not this one's to hold.
    await promotions.reserve('o3', { customerId: 'c1' }, [
      { promotionId: limited.id, amount: 100, currency: 'EUR', code: 'WINABCDEFGH' },
    ]);
    expect(reserved.map(([c]) => c!.singleUse)).toEqual([true, undefined, undefined]);
  });

  it('answers 409 promotion-code-used when another order holds the code', async () => {
    const { promotions } = withCodes({ kind: 'code-used', promotionId: coded.id, code: 'WINABCDEFGH' });
    await expect(
      promotions.reserve('o1', { email: 'a@example.com' }, [
        { promotionId: coded.id, amount: 100, currency: 'EUR', code: 'winabcdefgh' },
      ]),
    ).rejects.toMatchObject({ status: 409, problemType: 'promotion-code-used' });
  });
});

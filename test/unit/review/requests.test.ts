// Review requests over an in-memory request store: a delivery records the request and writes its schedule
// (again, harmlessly, on a redelivery); when due, review.requested goes out once with the products not reviewed
// yet, never for a buyer who turned requests off or has nothing left; guests' signed links open only as signed
// and until they expire.
import { describe, expect, it } from 'vitest';
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { invitationFor, openInvitation } from '../../../functions/review/invitations.ts';
import { ReviewRequests, type RequestStore, type ReviewRequest } from '../../../functions/review/requests.ts';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const context = { correlationId: 'corr-1' };

class MemoryRequests implements RequestStore {
  readonly requests = new Map<string, ReviewRequest>();
  readonly reviewed = new Map<string, Set<string>>();
  readonly off = new Set<string>();
  readonly events: { detailType: string; data: Record<string, unknown> }[] = [];

  recordRequest(request: ReviewRequest): Promise<void> {
    const key = `${request.buyer}|${request.orderId}`;
    if (!this.requests.has(key)) this.requests.set(key, request);
    return Promise.resolve();
  }
  request(buyer: string, orderId: string): Promise<ReviewRequest | undefined> {
    return Promise.resolve(this.requests.get(`${buyer}|${orderId}`));
  }
  closeRequest(
    buyer: string,
    orderId: string,
    status: 'sent' | 'skipped',
    events: readonly OutboxItem[],
  ): Promise<boolean> {
    const current = this.requests.get(`${buyer}|${orderId}`);
    if (current?.status !== 'scheduled') return Promise.resolve(false);
    this.requests.set(`${buyer}|${orderId}`, { ...current, status });
    for (const e of events) {
      this.events.push({
        detailType: e.detailType,
        data: (JSON.parse(e.detail) as { data: Record<string, unknown> }).data,
      });
    }
    return Promise.resolve(true);
  }
  reviewedProducts(buyer: string): Promise<ReadonlySet<string>> {
    return Promise.resolve(this.reviewed.get(buyer) ?? new Set());
  }
  requestEmails(buyer: string): Promise<boolean> {
    return Promise.resolve(!this.off.has(buyer));
  }
  setRequestEmails(buyer: string, on: boolean): Promise<void> {
    if (on) this.off.delete(buyer);
    else this.off.add(buyer);
    return Promise.resolve();
  }
}

const contact = { email: 'erika@example.com', name: 'Erika Mustermann', smsUpdates: false };
const order = (customerId: string | null, ...productIds: string[]) => ({
  orderId: 'o-1',
  number: 'CM-2026-000001',
  customerId,
  contact,
  products: productIds.map((productId) => ({ productId, title: `Title of ${productId}` })),
});

function setup() {
  const store = new MemoryRequests();
  const schedules: { name: string; at: string; input: unknown }[] = [];
  const requests = new ReviewRequests(
    store,
    (name, at, input) => {
      schedules.push({ name, at: at.toISOString(), input });
      return Promise.resolve();
    },
    7 * 86_400,
    () => NOW,
  );
  return { store, schedules, requests };
}

describe('ReviewRequests', () => {
  it('schedules one request per delivered order, at the delay, again on a redelivery', async () => {
    const { store, schedules, requests } = setup();
    await requests.schedule(order('c-1', 'p-1', 'p-2', 'p-1'));
    await requests.schedule(order('c-1', 'p-1', 'p-2'));
    const due = '2026-12-11T12:00:00.000Z';
    expect(schedules).toEqual([
      { name: 'review-request-o-1', at: due, input: { buyer: 'c-1', orderId: 'o-1' } },
      { name: 'review-request-o-1', at: due, input: { buyer: 'c-1', orderId: 'o-1' } },
    ]);
    expect([...store.requests.values()]).toMatchObject([
      {
        buyer: 'c-1',
        status: 'scheduled',
        dueAt: due,
        products: [{ productId: 'p-1' }, { productId: 'p-2' }],
      },
    ]);
  });

  it('schedules nothing for an order without products to review', async () => {
    const { store, schedules, requests } = setup();
    await requests.schedule(order('c-1'));
    expect(schedules).toEqual([]);
    expect(store.requests.size).toBe(0);
  });

  it('asks once, for the products not reviewed yet', async () => {
    const { store, requests } = setup();
    await requests.schedule(order('c-1', 'p-1', 'p-2'));
    store.reviewed.set('c-1', new Set(['p-1']));
    expect(await requests.due('c-1', 'o-1', context)).toBe('requested');
    expect(await requests.due('c-1', 'o-1', context)).toBe('done-already');
    expect(store.events).toEqual([
      {
        detailType: 'review.requested',
        data: {
          orderId: 'o-1',
          number: 'CM-2026-000001',
          customerId: 'c-1',
          contact,
          products: [{ productId: 'p-2', title: 'Title of p-2' }],
        },
      },
    ]);
  });

  it('asks a guest by their order', async () => {
    const { store, requests } = setup();
    await requests.schedule(order(null, 'p-1'));
    expect(await requests.due('guest:o-1', 'o-1', context)).toBe('requested');
    expect(store.events[0]?.data).toMatchObject({ customerId: null });
  });

  it('never asks a buyer who turned requests off, nor one with nothing left to review', async () => {
    const { store, requests } = setup();
    await requests.schedule(order('c-1', 'p-1'));
    await requests.setRequestEmails('c-1', false);
    expect(await requests.due('c-1', 'o-1', context)).toBe('opted-out');
    await requests.setRequestEmails('c-1', true);
    expect(await requests.due('c-1', 'o-1', context)).toBe('done-already');

    await requests.schedule({ ...order('c-2', 'p-1'), orderId: 'o-2' });
    store.reviewed.set('c-2', new Set(['p-1']));
    expect(await requests.due('c-2', 'o-2', context)).toBe('nothing-to-review');
    expect(store.events).toEqual([]);
  });

  it('answers a schedule whose request is gone (the buyer was erased) with done-already', async () => {
    const { requests } = setup();
    expect(await requests.due('c-9', 'o-9', context)).toBe('done-already');
  });
});

describe('guest invitations', () => {
  const codec = cursorCodec('k'.repeat(32));

  it('open as signed, for the order they name, until they expire', () => {
    const { token, expiresAt } = invitationFor('o-1', codec, NOW);
    expect(expiresAt).toBe('2027-03-04T12:00:00.000Z');
    expect(openInvitation(token, codec, NOW)).toEqual({ orderId: 'o-1', expiresAt });
    expect(() => openInvitation(token, codec, new Date(expiresAt))).toThrow(NotFoundError);
  });

  it('refuse a token changed, signed with another key, or a cursor of a list', () => {
    const { token } = invitationFor('o-1', codec, NOW);
    const [payload, mac] = token.split('.');
    const other = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { k: { o: string } };
    other.k.o = 'o-2';
    const forged = `${Buffer.from(JSON.stringify(other)).toString('base64url')}.${mac}`;
    expect(() => openInvitation(forged, codec, NOW)).toThrow(NotFoundError);
    expect(() =>
      openInvitation(invitationFor('o-1', cursorCodec('x'.repeat(32)), NOW).token, codec, NOW),
    ).toThrow(NotFoundError);
    const cursor = codec.encode({ pk: 'x', sk: 'y' }, 'reviews:p-1:newest:all')!;
    expect(() => openInvitation(cursor, codec, NOW)).toThrow(NotFoundError);
  });
});

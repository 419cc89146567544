// The customer store port in memory: refuses a write where the DynamoDB transaction's conditions would (the
// profile changed since it was read, a created address that exists, a replaced or deleted one that does
// not), writes all or nothing, and keeps the events each committed write carried in its outbox.
import { ConflictError, NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Address, Customer } from '../../../functions/customer/domain/customer.ts';
import type { AddressWrite, CustomerStore, SignIn } from '../../../functions/customer/domain/ports.ts';

/** An event as the outbox relay will publish it. */
export interface Published {
  readonly detailType: string;
  readonly metadata: { readonly correlationId: string; readonly occurredAt: string };
  readonly data: unknown;
}

export class MemoryCustomerStore implements CustomerStore {
  readonly profiles = new Map<string, Customer>();
  /** Addresses by customer id, then address id. */
  readonly addressBook = new Map<string, Map<string, Address>>();
  readonly published: Published[] = [];
  writes = 0;

  get(id: string): Promise<Customer | undefined> {
    return Promise.resolve(this.profiles.get(id));
  }

  list(limit: number, startKey?: StartKey): Promise<StoredPage<Customer>> {
    const all = [...this.profiles.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const from = Number(startKey?.offset ?? 0);
    const items = all.slice(from, from + limit);
    const next = from + items.length;
    return Promise.resolve({ items, lastKey: next < all.length ? { offset: next } : undefined });
  }

  listAddresses(customerId: string): Promise<Address[]> {
    return Promise.resolve([...(this.addressBook.get(customerId)?.values() ?? [])]);
  }

  createIfMissing(customer: Customer, outbox: readonly OutboxItem[]): Promise<boolean> {
    if (this.profiles.has(customer.id)) return Promise.resolve(false);
    this.profiles.set(customer.id, customer);
    this.#commit(outbox);
    return Promise.resolve(true);
  }

  saveChange(
    change: { readonly before: Customer; readonly after: Customer },
    outbox: readonly OutboxItem[],
    addresses: readonly AddressWrite[] = [],
  ): Promise<void> {
    if (this.profiles.get(change.after.id)?.version !== change.before.version) {
      throw new VersionConflictError();
    }
    const book = new Map(this.addressBook.get(change.after.id));
    for (const write of addresses) {
      const id = write.kind === 'delete' ? write.addressId : write.address.id;
      if (write.kind === 'create' && book.has(id)) {
        throw new ConflictError('That address already exists.', 'address-exists');
      }
      if (write.kind !== 'create' && !book.has(id)) throw new NotFoundError('No such address.');
      if (write.kind === 'delete') book.delete(id);
      else book.set(id, write.address);
    }
    this.profiles.set(change.after.id, change.after);
    this.addressBook.set(change.after.id, book);
    this.#commit(outbox);
    return Promise.resolve();
  }

  #commit(outbox: readonly OutboxItem[]): void {
    this.writes++;
    for (const item of outbox) {
      const detail = JSON.parse(item.detail) as Pick<Published, 'metadata' | 'data'>;
      this.published.push({ detailType: item.detailType, ...detail });
    }
  }
}

/** Cognito's sign-in in memory: which accounts are removed; fails when told to. */
export class MemorySignIn implements SignIn {
  readonly removed = new Set<string>();
  failing = false;

  removeAccount(customerId: string): Promise<void> {
    if (this.failing) return Promise.reject(new Error('Cognito is unavailable'));
    this.removed.add(customerId);
    return Promise.resolve();
  }
}

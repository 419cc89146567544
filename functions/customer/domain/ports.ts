// What the customer service needs from outside: its store (the DynamoDB adapter in ../store.ts) and the
// sign-in of customer accounts (the Cognito adapter in ../cognito-sign-in.ts). Every store write takes the
// outbox items of what it announces and commits them in the same transaction.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Address, Customer } from './customer.ts';

/** An address written in the same transaction as the profile. */
export type AddressWrite =
  | { readonly kind: 'create'; readonly address: Address }
  | { readonly kind: 'replace'; readonly address: Address }
  | { readonly kind: 'delete'; readonly addressId: string };

export interface CustomerStore {
  get(id: string): Promise<Customer | undefined>;
  /** Profiles, newest first. */
  list(limit: number, startKey?: StartKey): Promise<StoredPage<Customer>>;
  listAddresses(customerId: string): Promise<Address[]>;
  /** Creates the profile unless it exists; true when this call created it (and its events went out). */
  createIfMissing(customer: Customer, outbox: readonly OutboxItem[]): Promise<boolean>;
  /**
   * Writes the profile, if it is still at `change.before.version` (else VersionConflictError), with the
   * address writes: a created address must not exist (ConflictError `address-exists`), a replaced or
   * deleted one must (NotFoundError).
   */
  saveChange(
    change: { readonly before: Customer; readonly after: Customer },
    outbox: readonly OutboxItem[],
    addresses?: readonly AddressWrite[],
  ): Promise<void>;
}

/** Sign-in of customer accounts (Cognito). */
export interface SignIn {
  /**
   * Ends the account's sessions (refresh tokens revoked) and deletes the account with its attributes;
   * idempotent (an account already gone counts as removed).
   */
  removeAccount(customerId: string): Promise<void>;
}

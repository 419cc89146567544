// The customer service's use cases: the signed-in customer's profile and addresses, staff's view and
// segments, registration from the sign-up trigger and leaving. Each reads the profile, lets the domain
// decide, and writes the change with the events it announces (the outbox) in one transaction.
import { NotFoundError, UnauthorizedError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { Principal } from '@commerce/lambda-kit/http';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import { paginate, type CursorCodec, type PageBody } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { randomUUID } from 'node:crypto';
import {
  applyProfilePatch,
  assertRoomForAddress,
  deleteAccount,
  listedAddresses,
  profileView,
  register,
  removeAddress,
  saveAddress,
  setSegments,
  type Address,
  type AddressDefaults,
  type Customer,
  type CustomerChange,
  type ProfilePatch,
  type ProfileView,
} from './domain/customer.ts';
import type { AddressWrite, CustomerStore, SignIn } from './domain/ports.ts';

/** Who is calling, as the authorizer tells: a customer is a `user` principal whose sub is the profile id. */
export type Caller = Pick<Principal, 'kind' | 'sub' | 'email'>;

/** An address as a customer sends it: the fields and whether it becomes a default. */
export type AddressInput = Omit<Address, 'id'> & {
  readonly defaultShipping?: boolean | undefined;
  readonly defaultBilling?: boolean | undefined;
};

export interface CustomersOptions {
  readonly clock?: () => Date;
  readonly newId?: () => string;
}

export class Customers {
  readonly #store: CustomerStore;
  readonly #clock: () => Date;
  readonly #newId: () => string;

  constructor(store: CustomerStore, options: CustomersOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /**
   * Creates the profile of a newly confirmed user with customer.registered in the same transaction. Returns
   * the profile, or undefined when it existed already (so the event is emitted exactly once).
   */
  async register(sub: string, email: string, context: EventContext): Promise<Customer | undefined> {
    const now = this.#clock();
    const { customer, events } = register(sub, email, now);
    return (await this.#store.createIfMissing(customer, toOutbox(events, context, now)))
      ? customer
      : undefined;
  }

  /**
   * The signed-in customer's profile. Created here on first use when it does not exist yet: the
   * post-confirmation trigger creates it at sign-up, but the local emulator never calls that trigger, and a
   * failed trigger invocation must not leave a customer without a profile.
   */
  async me(caller: Caller | undefined, context: EventContext): Promise<Customer> {
    if (!caller || caller.kind !== 'user') throw new UnauthorizedError('Sign in as a customer.');
    const existing = await this.#store.get(caller.sub);
    // An access token outlives the account it was issued to (it is verified offline, for up to 15 minutes
    // and the authorizer's cache): after DELETE /me it must read and change nothing, nor bring a profile back.
    if (existing?.status === 'deleted') throw new UnauthorizedError('This account was closed.');
    if (existing) return existing;
    const created = await this.register(caller.sub, caller.email ?? '', context);
    if (created) return created;
    const raced = await this.#store.get(caller.sub);
    if (!raced) throw new Error('Profile vanished after a concurrent create');
    return raced;
  }

  async profile(caller: Caller | undefined, context: EventContext): Promise<ProfileView> {
    return profileView(await this.me(caller, context));
  }

  /** Changes what the customer may change about themselves, on the profile read at `version`. */
  async updateProfile(
    caller: Caller | undefined,
    version: number,
    patch: ProfilePatch,
    context: EventContext,
  ): Promise<ProfileView> {
    const customer = await this.me(caller, context);
    if (version !== customer.version) throw new VersionConflictError();
    const now = this.#clock();
    const change = applyProfilePatch(customer, patch, now);
    await this.#save(change, context, now);
    return profileView(change.after);
  }

  /** Everything the customer service holds about the signed-in customer (data portability). */
  async exportData(caller: Caller | undefined, context: EventContext) {
    const customer = await this.me(caller, context);
    return {
      exportedAt: this.#clock().toISOString(),
      profile: profileView(customer),
      addresses: await this.#store.listAddresses(customer.id),
    };
  }

  async addresses(caller: Caller | undefined, context: EventContext) {
    const customer = await this.me(caller, context);
    return listedAddresses(customer, await this.#store.listAddresses(customer.id));
  }

  async addAddress(caller: Caller | undefined, input: AddressInput, context: EventContext): Promise<Address> {
    const customer = await this.me(caller, context);
    assertRoomForAddress((await this.#store.listAddresses(customer.id)).length);
    const { address, defaults } = addressOf(this.#newId(), input);
    const now = this.#clock();
    const change = saveAddress(customer, address.id, defaults, now);
    await this.#save(change, context, now, [{ kind: 'create', address }]);
    return address;
  }

  /** Replaces one of the caller's addresses; another customer's address id simply does not exist here. */
  async replaceAddress(
    caller: Caller | undefined,
    id: string,
    input: AddressInput,
    context: EventContext,
  ): Promise<Address> {
    const customer = await this.me(caller, context);
    const { address, defaults } = addressOf(id, input);
    const now = this.#clock();
    const change = saveAddress(customer, address.id, defaults, now);
    await this.#save(change, context, now, [{ kind: 'replace', address }]);
    return address;
  }

  async removeAddress(caller: Caller | undefined, id: string, context: EventContext): Promise<void> {
    const customer = await this.me(caller, context);
    const now = this.#clock();
    await this.#save(removeAddress(customer, id, now), context, now, [{ kind: 'delete', addressId: id }]);
  }

  /** Staff: customers, newest first. */
  async list(
    query: { readonly limit: number; readonly cursor?: string | undefined },
    cursors: CursorCodec,
  ): Promise<PageBody<ProfileView>> {
    const page = await paginate(cursors, 'customers', query.cursor, (start) =>
      this.#store.list(query.limit, start),
    );
    return { ...page, items: page.items.map(profileView) };
  }

  /** Staff: one customer's profile and addresses. */
  async customer(id: string) {
    const customer = await this.#store.get(id);
    if (!customer) throw new NotFoundError(`No customer ${id}.`);
    return { ...profileView(customer), addresses: await this.#store.listAddresses(customer.id) };
  }

  /** Staff: the customer's segments (wholesale, vip, ...), on the profile read at `version`. */
  async setSegments(
    id: string,
    version: number,
    segments: readonly string[],
    context: EventContext,
  ): Promise<ProfileView> {
    const customer = await this.#store.get(id);
    if (!customer || customer.status === 'deleted') throw new NotFoundError(`No customer ${id}.`);
    if (version !== customer.version) throw new VersionConflictError();
    const now = this.#clock();
    const change = setSegments(customer, segments, now);
    await this.#save(change, context, now);
    return profileView(change.after);
  }

  /** Writes a change and its events in one transaction; a change that announces nothing changed nothing. */
  async #save(
    change: CustomerChange,
    context: EventContext,
    now: Date,
    addresses: readonly AddressWrite[] = [],
  ): Promise<void> {
    if (change.events.length === 0) return;
    await this.#store.saveChange(change, toOutbox(change.events, context, now), addresses);
  }
}

/** The address to write and the defaults it takes, from what the customer sent. */
function addressOf(id: string, input: AddressInput): { address: Address; defaults: AddressDefaults } {
  const { defaultShipping, defaultBilling, ...fields } = input;
  return { address: { id, ...fields }, defaults: { shipping: defaultShipping, billing: defaultBilling } };
}

/**
 * DELETE /me: the customer leaves. The sign-in account is signed out and deleted first (so a failure
 * leaves nothing half done that the customer could still use; a retry with the still-valid token finishes
 * it), then the profile is anonymized, the addresses deleted and customer.deleted
 * announced, in one transaction. Apart from `Customers` because it alone needs the sign-in port (Cognito).
 */
export class AccountClosure {
  readonly #customers: Customers;
  readonly #store: CustomerStore;
  readonly #signIn: SignIn;
  readonly #clock: () => Date;

  constructor(
    customers: Customers,
    store: CustomerStore,
    signIn: SignIn,
    clock: () => Date = () => new Date(),
  ) {
    this.#customers = customers;
    this.#store = store;
    this.#signIn = signIn;
    this.#clock = clock;
  }

  async close(caller: Caller | undefined, context: EventContext): Promise<void> {
    const customer = await this.#customers.me(caller, context);
    await this.#signIn.removeAccount(customer.id);
    const now = this.#clock();
    const addresses = await this.#store.listAddresses(customer.id);
    const change = deleteAccount(customer, now);
    await this.#store.saveChange(
      change,
      toOutbox(change.events, context, now),
      addresses.map((a) => ({ kind: 'delete', addressId: a.id })),
    );
  }
}

// Customer profile and address rules, and the customer.* event each change announces. Pure; no AWS.
import {
  CustomerDeleted,
  CustomerRegistered,
  CustomerUpdated,
  domainEvent,
  type DomainEvent,
} from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';

export interface MarketingConsent {
  readonly email: boolean;
  readonly sms: boolean;
}

export interface Customer {
  /** The Cognito user's sub. */
  readonly id: string;
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  /** E.164. */
  readonly phone?: string;
  /** BCP 47, e.g. en-GB. */
  readonly locale?: string;
  /** ISO 4217, e.g. EUR. */
  readonly preferredCurrency?: string;
  readonly marketingConsent: MarketingConsent;
  /** Set by staff only (wholesale, vip, ...); pricing and promotions read them. */
  readonly segments: readonly string[];
  readonly defaultShippingAddressId?: string;
  readonly defaultBillingAddressId?: string;
  readonly status: 'active' | 'deleted';
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a customer may change about themselves: never email, segments, groups or status. */
export type ProfilePatch = Partial<
  Pick<Customer, 'givenName' | 'familyName' | 'phone' | 'locale' | 'preferredCurrency' | 'marketingConsent'>
>;

export interface Address {
  readonly id: string;
  readonly name: string;
  readonly company?: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly region?: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly phone?: string;
}

/** Whether an address written with the profile becomes its default for shipping and/or billing. */
export interface AddressDefaults {
  readonly shipping?: boolean | undefined;
  readonly billing?: boolean | undefined;
}

/** A change of the profile and what it announces (nothing when it changed nothing). */
export interface CustomerChange {
  readonly before: Customer;
  readonly after: Customer;
  readonly events: readonly DomainEvent[];
}

export const MAX_ADDRESSES = 20;

export function newCustomer(id: string, email: string, now: Date): Customer {
  const at = now.toISOString();
  return {
    id,
    email,
    marketingConsent: { email: false, sms: false },
    segments: [],
    status: 'active',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A newly confirmed customer's profile, announced as customer.registered. */
export function register(
  id: string,
  email: string,
  now: Date,
): { readonly customer: Customer; readonly events: readonly DomainEvent[] } {
  const customer = newCustomer(id, email, now);
  return { customer, events: [domainEvent(CustomerRegistered, snapshot(customer))] };
}

/** The profile with `fields` set: the names of those that differ, and the version moved if any did. */
function change(
  before: Customer,
  fields: Partial<Customer>,
  now: Date,
): { after: Customer; changedFields: string[] } {
  const changedFields = Object.keys(fields).filter(
    (k) => JSON.stringify(fields[k as keyof Customer]) !== JSON.stringify(before[k as keyof Customer]),
  );
  if (changedFields.length === 0) return { after: before, changedFields };
  const picked = Object.fromEntries(changedFields.map((k) => [k, fields[k as keyof Customer]]));
  return {
    after: { ...before, ...picked, version: before.version + 1, updatedAt: now.toISOString() },
    changedFields,
  };
}

/** A change announced as customer.updated with the names of the changed fields (nothing if none). */
function updated(before: Customer, after: Customer, changedFields: readonly string[]): CustomerChange {
  const events =
    changedFields.length === 0
      ? []
      : [domainEvent(CustomerUpdated, { customer: snapshot(after), changedFields })];
  return { before, after, events };
}

export function applyProfilePatch(customer: Customer, patch: ProfilePatch, now: Date): CustomerChange {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const { after, changedFields } = change(customer, defined, now);
  return updated(customer, after, changedFields);
}

export function setSegments(customer: Customer, segments: readonly string[], now: Date): CustomerChange {
  const { after, changedFields } = change(customer, { segments: [...new Set(segments)].sort() }, now);
  return updated(customer, after, changedFields);
}

/** Refuses (422, `too-many-addresses`) a new address beyond the limit. */
export function assertRoomForAddress(addressCount: number): void {
  if (addressCount >= MAX_ADDRESSES) {
    throw new UnprocessableError(`At most ${MAX_ADDRESSES} addresses.`, 'too-many-addresses');
  }
}

/**
 * The profile as it is written with an added or replaced address: it takes the address as its default
 * where asked, and its version moves even when no default changed, so the address count and the defaults
 * cannot race with another change. Announced with `addresses` and the changed default fields.
 */
export function saveAddress(
  customer: Customer,
  addressId: string,
  defaults: AddressDefaults,
  now: Date,
): CustomerChange {
  const withDefaults = change(
    customer,
    {
      ...(defaults.shipping ? { defaultShippingAddressId: addressId } : {}),
      ...(defaults.billing ? { defaultBillingAddressId: addressId } : {}),
    },
    now,
  );
  const after =
    withDefaults.changedFields.length > 0
      ? withDefaults.after
      : { ...customer, version: customer.version + 1, updatedAt: now.toISOString() };
  return updated(customer, after, ['addresses', ...withDefaults.changedFields]);
}

/** The profile as it is written when an address goes: no longer a default, announced with `addresses`. */
export function removeAddress(customer: Customer, addressId: string, now: Date): CustomerChange {
  const { defaultShippingAddressId, defaultBillingAddressId, ...rest } = customer;
  const after: Customer = {
    ...rest,
    ...(defaultShippingAddressId && defaultShippingAddressId !== addressId
      ? { defaultShippingAddressId }
      : {}),
    ...(defaultBillingAddressId && defaultBillingAddressId !== addressId ? { defaultBillingAddressId } : {}),
    version: customer.version + 1,
    updatedAt: now.toISOString(),
  };
  return updated(customer, after, ['addresses']);
}

/** The customer leaves: the profile anonymized, announced as customer.deleted. */
export function deleteAccount(customer: Customer, now: Date): CustomerChange {
  return {
    before: customer,
    after: anonymize(customer, now),
    events: [domainEvent(CustomerDeleted, { id: customer.id, deletedAt: now.toISOString() })],
  };
}

/** Forgets who the customer was: keeps only the id, so orders can still refer to it. */
export function anonymize(customer: Customer, now: Date): Customer {
  const at = now.toISOString();
  return {
    id: customer.id,
    email: `deleted-${customer.id}@invalid`,
    marketingConsent: { email: false, sms: false },
    segments: [],
    status: 'deleted',
    version: customer.version + 1,
    createdAt: customer.createdAt,
    updatedAt: at,
  };
}

/** The profile as events and staff see it. */
export function snapshot(c: Customer) {
  return {
    id: c.id,
    email: c.email,
    ...(c.givenName !== undefined ? { givenName: c.givenName } : {}),
    ...(c.familyName !== undefined ? { familyName: c.familyName } : {}),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
    ...(c.locale !== undefined ? { locale: c.locale } : {}),
    ...(c.preferredCurrency !== undefined ? { preferredCurrency: c.preferredCurrency } : {}),
    marketingConsent: c.marketingConsent,
    segments: [...c.segments],
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** What a customer (and staff) see of a profile: the snapshot and the default addresses. */
export function profileView(c: Customer) {
  return {
    ...snapshot(c),
    ...(c.defaultShippingAddressId ? { defaultShippingAddressId: c.defaultShippingAddressId } : {}),
    ...(c.defaultBillingAddressId ? { defaultBillingAddressId: c.defaultBillingAddressId } : {}),
  };
}

export type ProfileView = ReturnType<typeof profileView>;

/** The customer's addresses, each with whether it is a default. */
export function listedAddresses(customer: Customer, addresses: readonly Address[]) {
  return addresses.map((a) => ({
    ...a,
    defaultShipping: a.id === customer.defaultShippingAddressId,
    defaultBilling: a.id === customer.defaultBillingAddressId,
  }));
}

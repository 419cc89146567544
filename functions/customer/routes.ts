// The customer service's routes, each declared once: its handler, who may call it, what it calls, the schemas
// the handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's
// route table are built from these entries (scripts/generate.ts).
import { customerSnapshot } from '@commerce/events';
import { pageSchema } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  addressBody,
  addressIdParams,
  customerIdParams,
  listCustomersQuery,
  segmentsBody,
  updateProfileBody,
} from './schemas.ts';

const profile = z
  .object({
    ...customerSnapshot.shape,
    defaultShippingAddressId: z.optional(z.uuid()),
    defaultBillingAddressId: z.optional(z.uuid()),
  })
  .check(z.meta({ id: 'CustomerProfile' }));

const address = z
  .object({
    id: z.uuid(),
    name: z.string(),
    company: z.optional(z.string()),
    line1: z.string(),
    line2: z.optional(z.string()),
    city: z.string(),
    region: z.optional(z.string()),
    postalCode: z.string(),
    country: z.string(),
    phone: z.optional(z.string()),
  })
  .check(z.meta({ id: 'Address' }));

const listedAddress = z
  .object({ ...address.shape, defaultShipping: z.boolean(), defaultBilling: z.boolean() })
  .check(z.meta({ id: 'ListedAddress' }));

export const customerRoutes = defineRoutes('customer', {
  'GET /me': {
    entry: 'http/get-me.ts',
    access: 'customer',
    summary: 'My profile.',
    response: { status: 200, description: 'My profile (created on first use).', body: profile },
  },
  'PATCH /me': {
    entry: 'http/update-me.ts',
    access: 'customer',
    summary: 'Change my profile.',
    body: updateProfileBody,
    response: { status: 200, description: 'My changed profile.', body: profile },
    errors: [409],
  },
  'DELETE /me': {
    entry: 'http/delete-me.ts',
    access: 'customer',
    summary: 'Delete my account: anonymize the profile and delete the sign-in account.',
    userPoolActions: ['cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminDeleteUser'],
    response: { status: 204, description: 'Profile anonymized, sign-in account signed out and deleted.' },
  },
  'GET /me/export': {
    entry: 'http/export-me.ts',
    access: 'customer',
    summary: 'Everything held about me.',
    response: {
      status: 200,
      description: 'Everything held about me, as an attachment.',
      body: z
        .object({ exportedAt: z.iso.datetime(), profile, addresses: z.array(address) })
        .check(z.meta({ id: 'CustomerExport' })),
    },
  },
  'GET /me/addresses': {
    entry: 'http/list-addresses.ts',
    access: 'customer',
    summary: 'My addresses.',
    response: {
      status: 200,
      description: 'My addresses and which are the defaults.',
      body: z.object({ items: z.array(listedAddress) }).check(z.meta({ id: 'AddressList' })),
    },
  },
  'POST /me/addresses': {
    entry: 'http/create-address.ts',
    access: 'customer',
    summary: 'Add an address.',
    body: addressBody,
    response: { status: 201, description: 'Added; `location` names it.', body: address },
    errors: [409, 422],
  },
  'PUT /me/addresses/{id}': {
    entry: 'http/replace-address.ts',
    access: 'customer',
    summary: 'Replace an address.',
    params: addressIdParams,
    body: addressBody,
    response: { status: 200, description: 'The replaced address.', body: address },
    errors: [404, 409],
  },
  'DELETE /me/addresses/{id}': {
    entry: 'http/delete-address.ts',
    access: 'customer',
    summary: 'Remove an address.',
    params: addressIdParams,
    response: { status: 204, description: 'Removed.' },
    errors: [404],
  },
  'GET /customers': {
    entry: 'http/list-customers.ts',
    access: 'staff',
    summary: 'Customers, newest first.',
    readOnly: true,
    paginates: true,
    query: listCustomersQuery,
    response: {
      status: 200,
      description: 'A page of customers, newest first.',
      body: pageSchema(profile, 'CustomerPage'),
    },
  },
  'GET /customers/{id}': {
    entry: 'http/get-customer.ts',
    access: 'staff',
    summary: 'A customer with addresses.',
    readOnly: true,
    params: customerIdParams,
    response: {
      status: 200,
      description: 'The customer with their addresses.',
      body: z
        .object({ ...profile.shape, addresses: z.array(address) })
        .check(z.meta({ id: 'CustomerWithAddresses' })),
    },
    errors: [404],
  },
  'PUT /customers/{id}/segments': {
    entry: 'http/set-segments.ts',
    access: 'staff',
    summary: "Set a customer's segments.",
    params: customerIdParams,
    body: segmentsBody,
    response: { status: 200, description: 'The customer with the new segments.', body: profile },
    errors: [404, 409],
  },
});

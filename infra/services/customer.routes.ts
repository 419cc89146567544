// The customer service's routes and the access each needs (plain data, see catalog.routes.ts).
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/customer/http';

export const customerRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/me', access: 'customer', handler: `${dir}/get-me.ts`, summary: 'My profile.' },
  {
    method: 'PATCH',
    path: '/me',
    access: 'customer',
    handler: `${dir}/update-me.ts`,
    summary: 'Change my profile.',
  },
  {
    method: 'DELETE',
    path: '/me',
    access: 'customer',
    handler: `${dir}/delete-me.ts`,
    summary: 'Delete my account: anonymize the profile and disable sign-in.',
    userPoolActions: ['cognito-idp:AdminDisableUser'],
  },
  {
    method: 'GET',
    path: '/me/export',
    access: 'customer',
    handler: `${dir}/export-me.ts`,
    summary: 'Everything held about me.',
  },
  {
    method: 'GET',
    path: '/me/addresses',
    access: 'customer',
    handler: `${dir}/list-addresses.ts`,
    summary: 'My addresses.',
  },
  {
    method: 'POST',
    path: '/me/addresses',
    access: 'customer',
    handler: `${dir}/create-address.ts`,
    summary: 'Add an address.',
  },
  {
    method: 'PUT',
    path: '/me/addresses/{id}',
    access: 'customer',
    handler: `${dir}/replace-address.ts`,
    summary: 'Replace an address.',
  },
  {
    method: 'DELETE',
    path: '/me/addresses/{id}',
    access: 'customer',
    handler: `${dir}/delete-address.ts`,
    summary: 'Remove an address.',
  },
  {
    method: 'GET',
    path: '/customers',
    access: 'staff',
    handler: `${dir}/list-customers.ts`,
    summary: 'Customers, newest first.',
    paginates: true,
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/customers/{id}',
    access: 'staff',
    handler: `${dir}/get-customer.ts`,
    summary: 'A customer with addresses.',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/customers/{id}/segments',
    access: 'staff',
    handler: `${dir}/set-segments.ts`,
    summary: "Set a customer's segments.",
  },
];

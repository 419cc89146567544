// PATCH /me: change name, phone, locale, currency or marketing consent (never email, segments or groups).
import { CustomerUpdated } from '@commerce/events';
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { applyProfilePatch, snapshot } from '../domain/customer.ts';
import { currentCustomer, profileView, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['PATCH /me'],
  handler: async ({ principal, body, correlationId }) => {
    const customer = await currentCustomer(principal, correlationId);
    const { version, ...patch } = body;
    if (version !== customer.version) throw new VersionConflictError();
    const change = applyProfilePatch(customer, patch, new Date());
    if (change.changedFields.length > 0) {
      await store.saveChange(
        change,
        outboxItem(
          CustomerUpdated,
          { customer: snapshot(change.after), changedFields: [...change.changedFields] },
          { correlationId },
        ),
      );
    }
    return { status: 200, body: profileView(change.after) };
  },
});

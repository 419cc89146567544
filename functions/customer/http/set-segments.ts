// PUT /customers/{id}/segments (staff): the customer's segments (wholesale, vip, ...), used by pricing.
import { CustomerUpdated } from '@commerce/events';
import { NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { setSegments, snapshot } from '../domain/customer.ts';
import { profileView, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['PUT /customers/{id}/segments'],
  handler: async ({ params, body, correlationId }) => {
    const customer = await store.get(params.id);
    if (!customer || customer.status === 'deleted') throw new NotFoundError(`No customer ${params.id}.`);
    if (body.version !== customer.version) throw new VersionConflictError();
    const change = setSegments(customer, body.segments, new Date());
    if (change.changedFields.length > 0) {
      await store.saveChange(
        change,
        outboxItem(
          CustomerUpdated,
          { customer: snapshot(change.after), changedFields: ['segments'] },
          { correlationId },
        ),
      );
    }
    return { status: 200, body: profileView(change.after) };
  },
});

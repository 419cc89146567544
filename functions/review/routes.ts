// The review service's routes, each declared once: its handler, who may call it, the schemas the handler
// validates with and the response it gives. The API, the OpenAPI document and the authorizer's route table
// are built from these entries (scripts/generate.ts).
import { mediaResolve } from '@commerce/contracts';
import { defineRoutes } from '@commerce/lambda-kit/service';
import {
  decisionBody,
  guestReviewBody,
  helpfulSchema,
  invitationParams,
  invitationSchema,
  listReviewsQuery,
  ownReviewSchema,
  ownReviewsSchema,
  preferencesBody,
  preferencesSchema,
  productParams,
  replyBody,
  reviewableSchema,
  reviewPageSchema,
  reviewParams,
  rulesBody,
  rulesSchema,
  staffListQuery,
  staffReviewPageSchema,
  staffReviewSchema,
  writeReviewBody,
} from './schemas.ts';

export const reviewRoutes = defineRoutes('review', {
  'GET /products/{id}/reviews': {
    entry: 'http/list-product-reviews.ts',
    access: 'public',
    summary: 'A product’s published reviews and its rating aggregate.',
    readOnly: true,
    paginates: true,
    params: productParams,
    query: listReviewsQuery,
    response: {
      status: 200,
      description:
        'A page of published reviews (newest or most helpful first, optionally of one rating) and the ' +
        'product’s aggregate, which always equals a count of its published reviews.',
      body: reviewPageSchema,
    },
  },
  'POST /products/{id}/reviews': {
    entry: 'http/write-review.ts',
    access: 'customer',
    invokes: [mediaResolve],
    summary: 'Review a product you bought (once).',
    params: productParams,
    body: writeReviewBody,
    response: {
      status: 201,
      description:
        'The review: `published` when the auto-publish rules find nothing, else `pending` until staff decide. ' +
        '403 `not-a-verified-buyer` without a delivered order of yours containing the product; 409 ' +
        '`already-reviewed` the second time; 422 `media-not-usable` for a photo that is not yours or not ready; ' +
        '503 `contention` when many reviews of the product are published at that moment (try again).',
      body: ownReviewSchema,
    },
    errors: [409, 422, 503],
  },
  'POST /reviews/{id}/helpful': {
    entry: 'http/vote-helpful.ts',
    access: 'customer',
    summary: 'Mark a published review as helpful (one vote per customer).',
    params: reviewParams,
    response: {
      status: 200,
      description: 'The review’s helpful votes; `counted` is false when you had voted already.',
      body: helpfulSchema,
    },
    errors: [404],
  },
  'GET /me/reviews': {
    entry: 'http/list-my-reviews.ts',
    access: 'customer',
    summary: 'The reviews I wrote, with their status.',
    readOnly: true,
    response: { status: 200, description: 'Your reviews, newest first.', body: ownReviewsSchema },
  },
  'GET /me/reviewable': {
    entry: 'http/list-reviewable.ts',
    access: 'customer',
    summary: 'The products my delivered orders let me review.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Each product of your delivered orders, with your review’s id once you wrote one.',
      body: reviewableSchema,
    },
  },
  'GET /reviews': {
    entry: 'http/list-reviews.ts',
    access: 'staff',
    summary: 'The moderation queue: reviews by status, oldest first.',
    readOnly: true,
    paginates: true,
    query: staffListQuery,
    response: {
      status: 200,
      description: 'A page of reviews of that status (pending by default), optionally of one product.',
      body: staffReviewPageSchema,
    },
  },
  'GET /reviews/{id}': {
    entry: 'http/get-review.ts',
    access: 'staff',
    summary: 'A review with its moderation log.',
    readOnly: true,
    params: reviewParams,
    response: { status: 200, description: 'The review and every decision on it.', body: staffReviewSchema },
    errors: [404],
  },
  'POST /reviews/{id}/decision': {
    entry: 'http/decide-review.ts',
    access: 'staff',
    summary: 'Publish a review, or reject (or take down) one with a reason code.',
    params: reviewParams,
    body: decisionBody,
    response: {
      status: 200,
      description:
        'The review after the decision, which the log records with you. 422 `rule-violation` for the reasons ' +
        '`rating` and `negative`: a review is never rejected or hidden for its rating. 503 `contention` when ' +
        'many reviews of the product are published at that moment (try again).',
      body: staffReviewSchema,
    },
    errors: [404, 409, 422, 503],
  },
  'PUT /reviews/{id}/reply': {
    entry: 'http/reply-review.ts',
    access: 'staff',
    summary: 'Reply publicly under a review (replaces an earlier reply).',
    params: reviewParams,
    body: replyBody,
    response: { status: 200, description: 'The review with the reply.', body: staffReviewSchema },
    errors: [404, 409],
  },
  'GET /review-settings': {
    entry: 'http/get-rules.ts',
    access: 'staff',
    summary: 'The auto-publish rules.',
    readOnly: true,
    response: { status: 200, description: 'The rules new reviews are screened with.', body: rulesSchema },
  },
  'PUT /review-settings': {
    entry: 'http/put-rules.ts',
    access: 'admin',
    summary: 'Set the auto-publish rules.',
    body: rulesBody,
    response: {
      status: 200,
      description: 'The rules, applied to reviews written from now on.',
      body: rulesSchema,
    },
  },
  'GET /me/review-preferences': {
    entry: 'http/get-my-preferences.ts',
    access: 'customer',
    summary: 'Whether I get review requests by email.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Your choice (on unless you turned it off).',
      body: preferencesSchema,
    },
  },
  'PUT /me/review-preferences': {
    entry: 'http/put-my-preferences.ts',
    access: 'customer',
    summary: 'Turn review requests by email on or off.',
    body: preferencesBody,
    response: {
      status: 200,
      description: 'Your choice, applied to requests not sent yet.',
      body: preferencesSchema,
    },
  },
  'GET /review-invitations/{token}': {
    entry: 'http/get-invitation.ts',
    access: 'public',
    signsTokens: true,
    summary: 'What a guest buyer’s review link lets them review.',
    readOnly: true,
    params: invitationParams,
    response: {
      status: 200,
      description:
        'The products the guest’s delivered order lets them review. 404 for a link that is not valid or expired ' +
        '(the token is signed by the shop: it names the order and when it expires).',
      body: invitationSchema,
    },
    errors: [404],
  },
  'POST /review-invitations/{token}/reviews': {
    entry: 'http/write-guest-review.ts',
    access: 'public',
    signsTokens: true,
    summary: 'Review a product as the guest buyer the link was sent to (once per product).',
    params: invitationParams,
    body: guestReviewBody,
    response: {
      status: 201,
      description:
        'The review, a verified purchase, `published` or `pending` as for customers (guests add no photos). 404 ' +
        'for a link not valid; 403 `not-a-verified-buyer` when the order did not deliver that product; 409 ' +
        '`already-reviewed`; 503 `contention` as for customers.',
      body: ownReviewSchema,
    },
    errors: [403, 404, 409, 503],
  },
  'PUT /review-invitations/{token}/preferences': {
    entry: 'http/put-invitation-preferences.ts',
    access: 'public',
    signsTokens: true,
    summary: 'Stop (or resume) review requests for the guest’s order.',
    params: invitationParams,
    body: preferencesBody,
    response: { status: 200, description: 'The choice for this order.', body: preferencesSchema },
    errors: [404],
  },
});

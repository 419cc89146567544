// The review service: reviews from verified buyers (an order of theirs with the product was delivered), once
// per product; auto-publish rules or staff moderation with reason codes, never for the rating; replies;
// erasure that keeps the rating; each product's rating aggregate, moved in the same transaction as the
// review that changes it, so it always equals a recomputation; and review requests some days after a
// delivery, with guests' signed links (docs/reviews.md).
import {
  ReviewAggregated,
  ReviewErased,
  ReviewPublished,
  ReviewRejected,
  ReviewRequested,
  ReviewSubmitted,
} from '@commerce/events';
import { reviewInvitation, reviewRequestDue } from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { reviewRoutes } from './routes.ts';
import { reviewSubscriptions } from './subscriptions.ts';

/** The stage settings the review service reads. */
interface ReviewStage {
  readonly stage: string;
  readonly reviews: { readonly requestDelaySeconds: number };
}

/**
 * The stage's schedule group of review requests and the role Scheduler assumes to invoke `requestDue`:
 * infra/constructs/one-time-schedules.ts creates both under these names.
 */
export const reviewRequestScheduling = (stage: string, region: string) => ({
  group: `commerce-${stage}-review-requests`,
  role: `commerce-${stage}-${region}-review-scheduler`,
});

export const reviewService = defineService<ReviewStage>({
  name: 'review',
  description: 'Reviews from verified buyers, their moderation and each product’s exact rating aggregate.',
  routes: reviewRoutes,
  subscriptions: reviewSubscriptions,
  publishes: [
    ReviewSubmitted,
    ReviewPublished,
    ReviewRejected,
    ReviewErased,
    ReviewAggregated,
    ReviewRequested,
  ],
  internal: [
    // A guest's signed link, for the emails notifications sends them.
    { contract: reviewInvitation, entry: 'internal/invitation.ts', readOnly: true, signsTokens: true },
    // What a delivered order's review-request schedule invokes.
    { contract: reviewRequestDue, entry: 'internal/request-due.ts' },
  ],
  environment: ({ reviews }) => ({ REVIEW_REQUEST_DELAY_SECONDS: String(reviews.requestDelaySeconds) }),
  permissions: {
    // A delivery writes its review request's schedule in the stage's group, handing Scheduler its role.
    schedules: ({ stage }, aws) => {
      const { group, role } = reviewRequestScheduling(stage, aws.region);
      return [
        {
          actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule'],
          resources: [`arn:${aws.partition}:scheduler:${aws.region}:${aws.account}:schedule/${group}/*`],
          prefixReason:
            'Each delivered order has its own schedule (review-request-<order id>), written as orders are ' +
            'delivered: every schedule of the stage’s review-requests group, which holds nothing else.',
        },
        {
          actions: ['iam:PassRole'],
          resources: [`arn:${aws.partition}:iam::${aws.account}:role/${role}`],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        },
      ];
    },
  },
});

// The promotions service: promotions staff manage, and the redemption ledger that holds their limits with
// conditional writes (reserved at checkout, committed when paid, released when not), and the one-time
// schedules that start and end catalogue promotions. docs/promotions.md.
import {
  PromotionCreated,
  PromotionEnded,
  PromotionRedeemed,
  PromotionReleased,
  PromotionStarted,
  PromotionUpdated,
} from '@commerce/events';
import {
  promotionsEvaluate,
  promotionsGenerateCodes,
  promotionsRelease,
  promotionsReserve,
  promotionsScheduleFired,
} from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { promotionsRoutes } from './routes.ts';
import { promotionsSubscriptions } from './subscriptions.ts';

/**
 * The stage's schedule group of catalogue promotions' starts and ends, and the role Scheduler assumes to
 * invoke `scheduleFired`: infra/constructs/one-time-schedules.ts creates both under these names.
 */
export const catalogueScheduling = (stage: string, region: string) => ({
  group: `commerce-${stage}-promotions`,
  role: `commerce-${stage}-${region}-promotions-scheduler`,
});

export const promotionsService = defineService<{ readonly stage: string }>({
  name: 'promotions',
  description: 'Promotions and their redemptions: rules, codes, limits held by conditional writes.',
  routes: promotionsRoutes,
  subscriptions: promotionsSubscriptions,
  publishes: [
    PromotionCreated,
    PromotionUpdated,
    PromotionRedeemed,
    PromotionReleased,
    PromotionStarted,
    PromotionEnded,
  ],
  internal: [
    { contract: promotionsEvaluate, entry: 'internal/evaluate.ts', readOnly: true },
    { contract: promotionsReserve, entry: 'internal/reserve.ts' },
    { contract: promotionsRelease, entry: 'internal/release.ts' },
    // What a catalogue promotion's schedule invokes at its start and end.
    { contract: promotionsScheduleFired, entry: 'internal/schedule-fired.ts' },
    // Generates a batch of single-use codes; hands the rest over to itself before its 15 minutes run out.
    {
      contract: promotionsGenerateCodes,
      entry: 'internal/generate-codes.ts',
      timeoutSeconds: 900,
      invokes: [promotionsGenerateCodes],
    },
  ],
  permissions: {
    // A staff change writes the promotion's schedules in the stage's group, handing Scheduler its role.
    schedules: ({ stage }, aws) => {
      const { group, role } = catalogueScheduling(stage, aws.region);
      return [
        {
          actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
          resources: [`arn:${aws.partition}:scheduler:${aws.region}:${aws.account}:schedule/${group}/*`],
          prefixReason:
            'Each catalogue promotion has its own schedules (<promotion id>-start, -end), created as staff ' +
            'change it: every schedule of the stage’s promotions group, which holds nothing else.',
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

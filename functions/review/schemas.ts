// The review service's request and response shapes (zod/mini), shared by its routes and handlers.
import { processedImageSchema, REVIEW_REJECTION_REASONS } from '@commerce/events';
import { mediaIdSchema } from '@commerce/contracts';
import { cursorQuery, pageSchema, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { MAX_PHOTOS, RATING_REASONS } from './domain/review.ts';

const productId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));
export const reviewIdSchema = z
  .string()
  .check(z.regex(/^rv_[a-z0-9]{16}$/, 'A review id as the API answered it (rv_ and 16 characters).'));

export const productParams = z.strictObject({ id: productId });
export const reviewParams = z.strictObject({ id: reviewIdSchema });

const rating = z.number().check(z.int(), z.gte(1), z.lte(5), z.describe('Stars, 1 (worst) to 5 (best).'));
const locale = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'A BCP 47 language tag such as en or de-DE.'));
const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 10);

export const writeReviewBody = z.strictObject({
  rating,
  title: text(120),
  body: text(5000),
  /** Shown as "Anna S." (first name and the initial of the last). */
  name: z.optional(text(80).check(z.describe('The name shown with the review, shortened to "Anna S.".'))),
  locale: z._default(locale, 'en'),
  photos: z._default(
    z
      .array(mediaIdSchema)
      .check(
        z.maxLength(MAX_PHOTOS),
        z.describe(`Up to ${MAX_PHOTOS} of your own review photos (POST /media/uploads), once ready.`),
      ),
    [],
  ),
});

export const listReviewsQuery = z.strictObject({
  sort: z._default(
    z
      .enum(['newest', 'helpful'])
      .check(z.describe('newest: last published first; helpful: most helpful votes first.')),
    'newest',
  ),
  rating: z.optional(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(5), z.describe('Only this many stars.')),
  ),
  limit,
  cursor: cursorQuery(),
});

const reviewStatus = z.enum(['pending', 'published', 'rejected']);

export const staffListQuery = z.strictObject({
  status: z._default(reviewStatus, 'pending'),
  productId: z.optional(productId),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: cursorQuery(),
});

export const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('publish'), note: z.optional(text(500)) }),
  z.strictObject({
    decision: z.literal('reject'),
    reason: z
      .enum([...REVIEW_REJECTION_REASONS, ...RATING_REASONS])
      .check(
        z.describe(
          `Why it is rejected (or taken down). ${RATING_REASONS.join(' and ')} are refused with 422: a review ` +
            'is never rejected or hidden for its rating or for being negative.',
        ),
      ),
    note: z.optional(text(500)),
  }),
]);

export const replyBody = z.strictObject({ body: text(2000) });

export const rulesBody = z.strictObject({
  enabled: z.boolean().check(z.describe('Publish without a person when every rule below finds nothing.')),
  verifiedOnly: z.boolean(),
  noLinks: z.boolean(),
  noContactData: z.boolean(),
  flaggedWords: z.array(text(40)).check(z.maxLength(200), z.describe('Whole words, any case.')),
});

export const rulesSchema = rulesBody.check(z.meta({ id: 'ReviewAutoPublishRules' }));

export const aggregateSchema = z
  .object({
    count: z.number().check(z.int(), z.nonnegative()),
    average: z.number().check(z.gte(0), z.lte(5), z.describe('Two decimals; 0 without reviews.')),
    histogram: z
      .tuple([z.number(), z.number(), z.number(), z.number(), z.number()])
      .check(z.describe('Published reviews with 1, 2, 3, 4 and 5 stars.')),
  })
  .check(z.meta({ id: 'RatingAggregate' }));

const reply = z.object({ body: z.string(), at: z.iso.datetime() });

/** A published review as shoppers see it. */
export const publicReviewSchema = z
  .object({
    id: reviewIdSchema,
    productId: z.string(),
    rating: z.number().check(z.int()),
    title: z.string(),
    body: z.string(),
    locale: z.string(),
    author: z
      .string()
      .check(z.describe('"Anna S.", or "A former customer" once they deleted their account.')),
    verified: z.boolean().check(z.describe('Written by a buyer whose order with the product was delivered.')),
    photos: z.array(processedImageSchema),
    helpful: z.number().check(z.int(), z.nonnegative()),
    publishedAt: z.iso.datetime(),
    reply: z.optional(reply),
  })
  .check(z.meta({ id: 'Review' }));

export const reviewPageSchema = z
  .object({
    ...pageSchema(publicReviewSchema, 'ReviewPageItems').shape,
    aggregate: aggregateSchema,
  })
  .check(z.meta({ id: 'ReviewPage' }));

/** A review as its author sees it: with its status (pending until moderated). */
export const ownReviewSchema = z
  .object({
    ...publicReviewSchema.shape,
    status: reviewStatus,
    publishedAt: z.optional(z.iso.datetime()),
    createdAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'OwnReview' }));

export const ownReviewsSchema = z
  .object({ items: z.array(ownReviewSchema) })
  .check(z.meta({ id: 'OwnReviews' }));

export const reviewableSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        orderId: z.string(),
        deliveredAt: z.iso.datetime(),
        reviewId: z.optional(z.string().check(z.describe('Present once you reviewed it.'))),
      }),
    ),
  })
  .check(z.meta({ id: 'Reviewable' }));

const moderationEntry = z.object({
  at: z.iso.datetime(),
  staffId: z.string().check(z.describe('Who decided; `auto` for the auto-publish rules.')),
  decision: z.enum(['published', 'rejected', 'held']),
  reason: z.optional(z.string()),
  note: z.optional(z.string()),
  flags: z.optional(z.array(z.string())),
});

/** A review as staff see it: its author, order, status, rejection, reply and (on GET one) its log. */
export const staffReviewSchema = z
  .object({
    ...publicReviewSchema.shape,
    status: reviewStatus,
    publishedAt: z.optional(z.iso.datetime()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().check(z.int(), z.positive()),
    authorKind: z.enum(['customer', 'guest', 'erased']),
    customerId: z.optional(z.string()),
    orderId: z.optional(z.string()),
    rejection: z.optional(z.object({ reason: z.string(), note: z.optional(z.string()) })),
    reply: z.optional(z.object({ ...reply.shape, staffId: z.string() })),
    flags: z
      .array(z.string())
      .check(
        z.describe('What the auto-publish rules found when it was written (why it waits for a person).'),
      ),
    log: z.optional(z.array(moderationEntry)),
  })
  .check(z.meta({ id: 'StaffReview' }));

export const staffReviewPageSchema = pageSchema(staffReviewSchema, 'StaffReviewPage');

export const helpfulSchema = z
  .object({ helpful: z.number().check(z.int(), z.nonnegative()), counted: z.boolean() })
  .check(z.meta({ id: 'HelpfulVote' }));

/** A guest's signed invitation, as the link in their emails carries it. */
export const invitationParams = z.strictObject({
  token: z
    .string()
    .check(
      z.maxLength(512),
      z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'A review link’s token, exactly as the email gave it.'),
    ),
});

export const invitationSchema = z
  .object({
    products: z.array(
      z.object({
        productId: z.string(),
        reviewId: z.optional(z.string().check(z.describe('Present once reviewed through this invitation.'))),
      }),
    ),
    expiresAt: z.iso.datetime(),
    requestEmails: z.boolean().check(z.describe('Whether review requests are still emailed for this order.')),
  })
  .check(z.meta({ id: 'ReviewInvitation' }));

export const guestReviewBody = z.strictObject({
  productId,
  ...z.omit(writeReviewBody, { photos: true }).shape,
});

export const preferencesBody = z.strictObject({
  requestEmails: z.boolean().check(z.describe('Email me some days after a delivery to ask for reviews.')),
});

export const preferencesSchema = preferencesBody.check(z.meta({ id: 'ReviewPreferences' }));

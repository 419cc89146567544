// One review (GET /reviews/{id}): its text, rating, author, product, photos and the flags the auto-publish rules
// raised, every decision on it (the moderation log), and the forms to publish or reject it and to reply.
import { mayCall, must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { DecisionForm, ReplyForm } from './review-actions.tsx';
import { Flags, Photos, ProductRef, Stars } from './review-parts.tsx';
import { actorLabel, flagLabel, reasonLabel, statusLabel, type StaffReview } from './review-status.ts';

type LogEntry = NonNullable<StaffReview['log']>[number];

const routeApi = getRouteApi('/reviews/$id');

const DECISION_LABELS: Record<LogEntry['decision'], string> = {
  published: 'Published',
  rejected: 'Rejected',
  held: 'Held for a person',
};

const AUTHOR_KINDS: Record<StaffReview['authorKind'], string> = {
  customer: 'Customer account',
  guest: 'Guest buyer',
  erased: 'Erased: the author deleted their account',
};

export function ReviewDetail(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="review-title"
      crumb={<Link to="/reviews">Review queue</Link>}
      noun="review"
      id={id}
      queryKey={['reviews', 'one', id]}
      load={async (client) => must(await client.GET('/reviews/{id}', { params: { path: { id } } }))}
    >
      {(review, reload) => <ReviewView review={review} reload={reload} />}
    </DetailPage>
  );
}

function ReviewView({ review, reload }: { review: StaffReview; reload: () => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  // Kept here: the forms start afresh with each new version of the review, their message would go.
  const [notice, setNotice] = useState<string | null>(null);
  const updated = (next: StaffReview, message: string) => {
    setNotice(message);
    // A write answers without the log: keep the one shown until the review is read again with it.
    queryClient.setQueryData<StaffReview>(['reviews', 'one', review.id], (old) => {
      const log = next.log ?? old?.log;
      return log ? { ...next, log } : next;
    });
    void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  };
  const mayDecide = mayCall(session.groups, 'POST', '/reviews/{id}/decision');
  const mayReply = mayCall(session.groups, 'PUT', '/reviews/{id}/reply');

  return (
    <>
      <h1 id="review-title">{review.title}</h1>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd id="review-status" data-status={review.status}>
            {statusLabel(review.status)}
          </dd>
        </div>
        <div>
          <dt>Rating</dt>
          <dd>
            <Stars rating={review.rating} />
          </dd>
        </div>
        <div>
          <dt>Author</dt>
          <dd>
            {review.author} · {review.verified ? 'Verified buyer' : 'Not a verified buyer'}
          </dd>
        </div>
        <div>
          <dt>Product</dt>
          <dd>
            <ProductRef id={review.productId} />
          </dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>{formatDateTime(review.createdAt)}</dd>
        </div>
        {review.publishedAt && (
          <div>
            <dt>Published</dt>
            <dd>{formatDateTime(review.publishedAt)}</dd>
          </div>
        )}
        <div>
          <dt>Language</dt>
          <dd>{review.locale}</dd>
        </div>
        <div>
          <dt>Helpful votes</dt>
          <dd>{review.helpful}</dd>
        </div>
        <AuthorLinks review={review} />
      </dl>

      {review.rejection && (
        <p className="alert alert-error">
          Rejected: {reasonLabel(review.rejection.reason)}.
          {review.rejection.note && <> Note: {review.rejection.note}</>}
        </p>
      )}

      <section aria-labelledby="review-text-title" className="panel">
        <h2 id="review-text-title">Review</h2>
        {review.body.split(/\n+/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </section>

      <div className="two-columns">
        <section aria-labelledby="review-flags-title" className="panel">
          <h2 id="review-flags-title">Flags</h2>
          <p className="hint">What the auto-publish rules found when the review was written.</p>
          <Flags flags={review.flags} />
        </section>
        <section aria-labelledby="review-photos-title" className="panel">
          <h2 id="review-photos-title">Photos</h2>
          <Photos photos={review.photos} />
        </section>
      </div>

      <ModerationLog entries={review.log ?? []} />

      <p role="status" className="saved">
        {notice}
      </p>
      {mayDecide && (
        <DecisionForm key={`decision-${review.version}`} review={review} onDone={updated} onReload={reload} />
      )}
      {mayReply && (
        <ReplyForm key={`reply-${review.version}`} review={review} onDone={updated} onReload={reload} />
      )}
    </>
  );
}

/** The customer and the order behind the review, as links for whoever may open them. */
function AuthorLinks({ review }: { review: StaffReview }) {
  const session = useSession();
  return (
    <>
      <div>
        <dt>Account</dt>
        <dd>{AUTHOR_KINDS[review.authorKind]}</dd>
      </div>
      {review.customerId && (
        <div>
          <dt>Customer</dt>
          <dd>
            {mayCall(session.groups, 'GET', '/customers/{id}') ? (
              <Link to="/customers/$id" params={{ id: review.customerId }}>
                Customer profile
              </Link>
            ) : (
              review.customerId
            )}
          </dd>
        </div>
      )}
      {review.orderId && (
        <div>
          <dt>Order</dt>
          <dd>
            {mayCall(session.groups, 'GET', '/orders/{id}') ? (
              <Link to="/orders/$id" params={{ id: review.orderId }}>
                Order of the review
              </Link>
            ) : (
              review.orderId
            )}
          </dd>
        </div>
      )}
    </>
  );
}

function ModerationLog({ entries }: { entries: readonly LogEntry[] }) {
  return (
    <section aria-labelledby="review-log-title" className="panel">
      <h2 id="review-log-title">Moderation log</h2>
      {entries.length === 0 ? (
        <p className="empty">No decisions yet.</p>
      ) : (
        <ol aria-labelledby="review-log-title">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>:{' '}
              <strong>{DECISION_LABELS[entry.decision]}</strong> by {actorLabel(entry.staffId)}
              {entry.reason && <> for {reasonLabel(entry.reason)}</>}.
              {entry.flags && entry.flags.length > 0 && <> Found: {entry.flags.map(flagLabel).join(', ')}.</>}
              {entry.note && <> Note: {entry.note}</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

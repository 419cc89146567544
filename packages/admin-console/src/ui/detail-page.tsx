// The page of one thing opened by its id (a product, customer, account or order): the way back to its list,
// then the thing once read, or what loading, a refusal or a 404 ("No order with the id …") looks like.
import type { CommerceClient } from '@commerce/web-kit';
import { useQuery } from '@tanstack/react-query';
import type { JSX, ReactNode } from 'react';
import { useConsole } from '../app/console.tsx';
import { NotFound, QueryView } from './status-views.tsx';

export function DetailPage<T>(props: {
  /** The id of the h1 the rendered thing puts on the page. */
  titleId: string;
  /** The link back to the list. */
  crumb: ReactNode;
  /** What the thing is called in the messages: "Loading the order…", "No order with the id …". */
  noun: string;
  id: string;
  queryKey: readonly unknown[];
  load: (client: CommerceClient) => Promise<T>;
  /** The thing, and a way to read it again (after a 409 on a change). */
  children: (item: T, reload: () => void) => ReactNode;
}): JSX.Element {
  const { client } = useConsole();
  const query = useQuery({ queryKey: props.queryKey, queryFn: () => props.load(client) });
  return (
    <section aria-labelledby={props.titleId}>
      <p className="crumbs">{props.crumb}</p>
      <QueryView
        query={query}
        what={`the ${props.noun}`}
        missing={<NotFound what={`No ${props.noun} with the id ${props.id}.`} />}
      >
        {(item) => props.children(item, () => void query.refetch())}
      </QueryView>
    </section>
  );
}

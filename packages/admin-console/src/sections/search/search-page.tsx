// The Search section (/search): what shoppers' searches find beyond the catalog's own text. One page with a
// part per concern of the search service, each shown only when the route table lets the person read it.
import { mayCall } from '@commerce/web-kit';
import type { JSX } from 'react';
import { useSession } from '../../app/console.tsx';
import { MerchandisingRules } from './rules.tsx';
import { Reindex } from './reindex.tsx';
import { Synonyms } from './synonyms.tsx';
import { ZeroResultQueries } from './zero-results.tsx';

export function SearchPage(): JSX.Element {
  const session = useSession();
  const may = (path: string) => mayCall(session.groups, 'GET', path);
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <p className="hint">
        Synonyms and merchandising rules apply to shoppers&apos; searches within seconds, without a reindex.
      </p>
      {may('/search/synonyms') && <Synonyms />}
      {may('/search/rules') && <MerchandisingRules />}
      {may('/search/zero-results') && <ZeroResultQueries />}
      {may('/search/reindex') && <Reindex />}
    </section>
  );
}

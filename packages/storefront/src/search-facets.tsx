// The search page's filters, drawn from the answer's facets. Each facet is counted under every filter but
// its own (disjunctive), so ticking "Red" leaves "Blue" selectable with its own count. Every change is a new
// URL (back undoes it) that starts again at the first page and keeps the scroll and the focus where they are.
import { Link, useNavigate } from '@tanstack/react-router';
import { useId } from 'react';
import { useCategories, type Category } from './catalog-data.ts';
import { useCurrency } from './currency.ts';
import { formatMoney } from './money.ts';
import type { SearchFacets } from './search-data.ts';
import {
  formatAttributes,
  hasFilters,
  parseAttributes,
  toggleAttribute,
  type AttributeFilter,
  type SearchParams,
} from './search-params.ts';

type Refine = (change: Partial<SearchParams>) => void;
type PriceBucket = SearchFacets['price'][number];

function useRefine(): Refine {
  const navigate = useNavigate({ from: '/search' });
  return (change) =>
    void navigate({ search: (prev) => ({ ...prev, ...change, cursor: undefined }), resetScroll: false });
}

/** "Red (3)": the name a facet's control is known by, to a screen reader and a browser test alike. */
const counted = (label: string, count: number) => `${label} (${count})`;

function CategoryLinks({
  nodes,
  counts,
  selected,
}: {
  nodes: readonly Category[];
  counts: ReadonlyMap<string, number>;
  selected: string | undefined;
}) {
  const shown = nodes.filter((node) => counts.has(node.id) || node.id === selected);
  if (shown.length === 0) return null;
  return (
    <ul>
      {shown.map((node) => (
        <li key={node.id}>
          <Link
            from="/search"
            to="/search"
            search={(prev) => ({ ...prev, category: node.id, cursor: undefined })}
            resetScroll={false}
            aria-current={node.id === selected ? 'true' : undefined}
          >
            {counted(node.name, counts.get(node.id) ?? 0)}
          </Link>
          <CategoryLinks nodes={node.children} counts={counts} selected={selected} />
        </li>
      ))}
    </ul>
  );
}

/** The categories in the tree's order and nesting, named from the category data (the facet has ids). */
function CategoryFacet({ facet, selected }: { facet: SearchFacets['categories']; selected?: string }) {
  const headingId = useId();
  const tree = useCategories().data;
  if (!tree || (facet.length === 0 && !selected)) return null;
  const counts = new Map(facet.map((c) => [c.id, c.count]));
  return (
    <div role="group" aria-labelledby={headingId} className="facet">
      <h3 id={headingId}>Category</h3>
      {selected && (
        <Link
          from="/search"
          to="/search"
          search={(prev) => ({ ...prev, category: undefined, cursor: undefined })}
          resetScroll={false}
        >
          All categories
        </Link>
      )}
      <CategoryLinks nodes={tree} counts={counts} selected={selected} />
    </div>
  );
}

/** The facet's values, plus chosen ones that no longer match anything (so they can still be unticked). */
function withChosen(facet: SearchFacets['attributes'], chosen: AttributeFilter): SearchFacets['attributes'] {
  const groups = new Map(facet.map((g) => [g.name, g.values]));
  for (const [name, values] of Object.entries(chosen)) {
    const known = groups.get(name) ?? [];
    const missing = values.filter((v) => !known.some((k) => k.value === v));
    groups.set(name, [...known, ...missing.map((value) => ({ value, count: 0, selected: true }))]);
  }
  return [...groups].map(([name, values]) => ({ name, values }));
}

function AttributeFacet({
  group,
  chosen,
  refine,
}: {
  group: SearchFacets['attributes'][number];
  chosen: AttributeFilter;
  refine: Refine;
}) {
  return (
    <fieldset className="facet">
      <legend>{group.name}</legend>
      {group.values.map((v) => (
        <label key={v.value} className="choice">
          <input
            type="checkbox"
            // The URL, not the answer, says what is chosen: the box ticks at once, before the results come.
            checked={chosen[group.name]?.includes(v.value) ?? false}
            // The API's separators cannot be filtered on.
            disabled={/[:;|]/.test(v.value)}
            onChange={() =>
              refine({ attributes: formatAttributes(toggleAttribute(chosen, group.name, v.value)) })
            }
          />
          {counted(v.value, v.count)}
        </label>
      ))}
    </fieldset>
  );
}

interface RadioChoice {
  readonly key: string;
  readonly label: string;
  readonly checked: boolean;
  readonly choose: () => void;
}

function RadioFacet({ legend, choices }: { legend: string; choices: readonly RadioChoice[] }) {
  const name = useId();
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.key} className="choice">
          <input type="radio" name={name} checked={c.checked} onChange={c.choose} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A bucket's upper end is exclusive and the API's maxPrice inclusive: €10–€25 is 1000 to 2499. */
function priceRange(bucket: Pick<PriceBucket, 'from' | 'to'>) {
  return { minPrice: bucket.from, maxPrice: bucket.to === undefined ? undefined : bucket.to - 1 };
}

function PriceFacet({
  facet,
  params,
  refine,
}: {
  facet: SearchFacets['price'];
  params: SearchParams;
  refine: Refine;
}) {
  const currency = useCurrency();
  const money = (minor: number) => formatMoney(minor, currency);
  const isChosen = (bucket: Pick<PriceBucket, 'from' | 'to'>) => {
    const range = priceRange(bucket);
    return range.minPrice === params.minPrice && range.maxPrice === params.maxPrice;
  };
  const any = params.minPrice === undefined && params.maxPrice === undefined;
  if (facet.length === 0 && any) return null;
  const label = (b: PriceBucket) =>
    b.from === undefined
      ? `Under ${money(b.to ?? 0)}`
      : b.to === undefined
        ? `${money(b.from)} and above`
        : `${money(b.from)} to ${money(b.to)}`;
  const choices: RadioChoice[] = [
    {
      key: 'any',
      label: 'Any price',
      checked: any,
      choose: () => refine({ minPrice: undefined, maxPrice: undefined }),
    },
    ...facet.map((b) => ({
      key: `${b.from ?? ''}-${b.to ?? ''}`,
      label: counted(label(b), b.count),
      checked: isChosen(b),
      choose: () => refine(priceRange(b)),
    })),
  ];
  // A range from a shared link that is no bucket stays visible as what is chosen.
  if (!any && !facet.some(isChosen)) {
    const { minPrice: min, maxPrice: max } = params;
    const chosen =
      min === undefined
        ? `Up to ${money(max ?? 0)}`
        : max === undefined
          ? `${money(min)} and above`
          : `${money(min)} to ${money(max)}`;
    choices.push({ key: 'chosen', label: chosen, checked: true, choose: () => undefined });
  }
  return <RadioFacet legend="Price" choices={choices} />;
}

function RatingFacet({
  facet,
  params,
  refine,
}: {
  facet: SearchFacets['rating'];
  params: SearchParams;
  refine: Refine;
}) {
  const shown = facet.filter((r) => r.count > 0 || r.selected);
  if (shown.length === 0 && params.minRating === undefined) return null;
  return (
    <RadioFacet
      legend="Rating"
      choices={[
        {
          key: 'any',
          label: 'Any rating',
          checked: params.minRating === undefined,
          choose: () => refine({ minRating: undefined }),
        },
        ...shown.map((r) => ({
          key: String(r.min),
          label: counted(r.min === 1 ? '1 star and up' : `${r.min} stars and up`, r.count),
          checked: params.minRating === r.min,
          choose: () => refine({ minRating: r.min }),
        })),
      ]}
    />
  );
}

function StockFacet({
  facet,
  params,
  refine,
}: {
  facet: SearchFacets['availability'];
  params: SearchParams;
  refine: Refine;
}) {
  const inStock = facet.find((a) => a.inStock)?.count ?? 0;
  return (
    <fieldset className="facet">
      <legend>Availability</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={params.inStock === true}
          onChange={(event) => refine({ inStock: event.target.checked ? true : undefined })}
        />
        {counted('In stock only', inStock)}
      </label>
    </fieldset>
  );
}

export function Facets({ facets, params }: { facets: SearchFacets; params: SearchParams }) {
  const refine = useRefine();
  const chosen = parseAttributes(params.attributes);
  return (
    <>
      {hasFilters(params) && (
        <Link
          to="/search"
          search={{ q: params.q, sort: params.sort }}
          resetScroll={false}
          className="clear-filters"
        >
          Clear all filters
        </Link>
      )}
      <CategoryFacet facet={facets.categories} selected={params.category} />
      <StockFacet facet={facets.availability} params={params} refine={refine} />
      <PriceFacet facet={facets.price} params={params} refine={refine} />
      <RatingFacet facet={facets.rating} params={params} refine={refine} />
      {withChosen(facets.attributes, chosen).map((group) => (
        <AttributeFacet key={group.name} group={group} chosen={chosen} refine={refine} />
      ))}
    </>
  );
}

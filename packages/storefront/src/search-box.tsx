// The header's product search, an ARIA combobox (list autocomplete): from two characters typed, and 150 ms
// after the last key, a listbox offers completions. Focus stays in the input; up and down move the active
// option (aria-activedescendant), Enter opens it (the product page when it has a handle), Escape closes the
// list and, pressed again, empties the box. Submitting goes to the results page.
import { Link, useMatch, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SUGGEST_MIN_LENGTH, useSuggestions } from './search-data.ts';

const DEBOUNCE_MS = 150;

type Suggestion = NonNullable<ReturnType<typeof useSuggestions>['data']>[number];

/** `value` once it has stayed the same for `ms`: one request per pause in typing, not one per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SearchBox() {
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const navigate = useNavigate();
  // On the results page the box shows what they are for, after back and forward too.
  const shownQuery = useMatch({ from: '/search', shouldThrow: false, select: (match) => match.search.q });
  const [value, setValue] = useState(shownQuery ?? '');
  const [lastShown, setLastShown] = useState(shownQuery);
  // Whether the shopper has typed (or asked with an arrow key) since the box was last filled from the URL.
  const [asking, setAsking] = useState(false);
  if (lastShown !== shownQuery) {
    setLastShown(shownQuery);
    setValue(shownQuery ?? '');
    setAsking(false);
  }
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Not asked for the words a results page put in the box, only for the shopper's own.
  const settled = useSettled(value, DEBOUNCE_MS);
  const suggestions = useSuggestions(asking ? settled : '');
  const items = value.trim().length >= SUGGEST_MIN_LENGTH ? (suggestions.data ?? []) : [];
  const expanded = open && items.length > 0;
  const current = expanded && active < items.length ? active : -1;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const search = (text: string) => {
    close();
    const q = text.trim();
    void navigate({ to: '/search', search: q ? { q } : {} });
  };
  const choose = (item: Suggestion) => {
    if (item.handle) {
      close();
      void navigate({ to: '/products/$handle', params: { handle: item.handle } });
    } else {
      setValue(item.text);
      search(item.text);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setAsking(true);
      setOpen(true);
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(current < 0 ? (step > 0 ? 0 : count - 1) : (current + step + count) % count);
    } else if (event.key === 'Enter' && current >= 0) {
      const item = items[current];
      if (!item) return;
      event.preventDefault();
      choose(item);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (expanded) close();
      else setValue('');
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(value);
  };

  return (
    <form role="search" className="site-search" onSubmit={submit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search products
      </label>
      <div className="combobox">
        <input
          id={`${id}-input`}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          autoComplete="off"
          maxLength={200}
          placeholder="Tees, hoodies, mugs…"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setAsking(true);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        {/* Pressing an option must not take focus from the input, which would close the list first. */}
        <div
          role="listbox"
          id={listId}
          aria-label="Suggestions"
          className="suggestions"
          hidden={!expanded}
          onMouseDown={(event) => event.preventDefault()}
        >
          {expanded &&
            items.map((item, i) => {
              const option = {
                id: optionId(i),
                role: 'option',
                'aria-selected': i === current,
                className: 'suggestion',
              } as const;
              return item.handle ? (
                <Link
                  key={item.id}
                  {...option}
                  tabIndex={-1}
                  to="/products/$handle"
                  params={{ handle: item.handle }}
                  onClick={close}
                >
                  {item.text}
                </Link>
              ) : (
                <div key={item.id} {...option} onClick={() => choose(item)}>
                  {item.text}
                </div>
              );
            })}
        </div>
      </div>
      <button type="submit">Search</button>
      <p role="status" className="visually-hidden">
        {expanded
          ? `${items.length === 1 ? '1 suggestion' : `${items.length} suggestions`}: up and down arrows to choose`
          : ''}
      </p>
    </form>
  );
}

// The pages about one SKU (prices, stock): a "which SKU" form that puts the SKU in the URL, so a page can be
// linked, and under it what the page shows for that SKU.
import { Fragment, useState, type FormEvent, type JSX, type ReactNode } from 'react';
import { Field } from './field.tsx';

export function SkuPicker({ sku, onPick }: { sku: string | undefined; onPick: (sku: string) => void }) {
  const [text, setText] = useState(sku ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) onPick(text.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} role="search">
      <Field label="SKU">
        {(c) => <input {...c} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
      </Field>
      <button type="submit">Show</button>
    </form>
  );
}

export function SkuPage(props: {
  titleId: string;
  title: string;
  /** The SKU in the URL, if any. */
  sku: string | undefined;
  /** Navigates to the page of `sku`. */
  onPick: (sku: string) => void;
  /** What the page says before a SKU is chosen. */
  prompt: string;
  children: (sku: string) => ReactNode;
}): JSX.Element {
  const { sku } = props;
  return (
    <section aria-labelledby={props.titleId}>
      <h1 id={props.titleId}>{props.title}</h1>
      {/* Keyed by the SKU: the picker's text and the SKU's view start afresh when the URL names another. */}
      <SkuPicker key={`picker-${sku ?? ''}`} sku={sku} onPick={props.onPick} />
      {sku ? <Fragment key={sku}>{props.children(sku)}</Fragment> : <p>{props.prompt}</p>}
    </section>
  );
}

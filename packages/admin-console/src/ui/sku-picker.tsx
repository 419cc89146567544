// The "which SKU" form of the prices and stock pages: it puts the SKU in the URL, so a page can be linked.
import { useState, type FormEvent } from 'react';
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

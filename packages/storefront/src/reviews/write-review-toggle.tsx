// "Write a review": the button that opens (and closes) a review form below it, on the product page and on a
// guest's review page. The form is whatever `form` renders, given the id the button controls.
import { useId, useState, type ReactNode } from 'react';

export function WriteReviewToggle({ form }: { form: (formId: string) => ReactNode }) {
  const formId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="write-review">
      <button
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => setOpen(!open)}
      >
        Write a review
      </button>
      {open && form(formId)}
    </div>
  );
}

// Turns zod issues into field errors with JSON pointers.
import './zod-locale.ts';
import type * as core from 'zod/v4/core';
import type { FieldError } from './errors.ts';

function escapePointerToken(token: PropertyKey): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function toFieldErrors(location: FieldError['in'], issues: readonly core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(escapePointerToken);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: location,
        pointer: '/' + [...base, escapePointerToken(key)].join('/'),
        detail: 'Unknown field.',
      }));
    }
    return [{ in: location, pointer: base.length ? '/' + base.join('/') : '', detail: issue.message }];
  });
}

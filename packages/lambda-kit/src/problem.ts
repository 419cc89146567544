// RFC 9457 problem details: the one shape every error leaves the API in.
import type { FieldError } from './errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: readonly FieldError[];
}

export function problemType(slug: string): string {
  return `urn:commerce:problem:${slug}`;
}

export function problem(fields: Omit<Problem, 'type'> & { slug: string }): Problem {
  const { slug, ...rest } = fields;
  return { type: problemType(slug), ...rest };
}

import type { ProblemCode } from './problem-catalog.js';

/** A problem raised at the HTTP edge (validation, headers, lookups), rendered by the ProblemFilter. */
export class ProblemException extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly params: Readonly<Record<string, unknown>> = {},
    readonly errors?: readonly ValidationIssue[],
  ) {
    super(code);
    this.name = 'ProblemException';
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `witnesses.0.name`. */
  readonly field: string;
  readonly messages: readonly string[];
}

/** RFC 7807 body, with Carnet's stable `code`. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ProblemCode;
  readonly instance?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly errors?: readonly ValidationIssue[];
}

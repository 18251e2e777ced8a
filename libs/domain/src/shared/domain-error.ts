/**
 * A rule refused a command. The core raises a stable code with parameters and never an HTTP status:
 * the API maps codes to RFC 7807 bodies in one table.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly params: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'DomainError';
  }
}

/** Throws `code` unless `condition` holds; keeps each rule a single readable line. */
export function ensure<Code extends string>(
  condition: unknown,
  code: Code,
  params: Record<string, unknown> = {},
): asserts condition {
  if (!condition) throw new DomainError(code, params);
}

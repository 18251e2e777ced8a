import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A body the JSON parser would read in a way the client may not have meant. Shaped as body-parser's own parse
 * failures (status 400, type `entity.parse.failed`), so that the problem filter already answers it as MalformedJson.
 */
export class AmbiguousJsonBody extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.parse.failed';
  constructor(reason: string) {
    super(reason);
    this.name = 'AmbiguousJsonBody';
  }
}

/**
 * The first key that appears twice in one object of a JSON text, compared as decoded (`"a"` and `"\u0061"` are the
 * same key); undefined when there is none. JSON.parse keeps the last of them silently (RFC 8259 §4 leaves it
 * unpredictable). Scans with a stack of scopes, never recursion; malformed text is left to the parser.
 */
export const duplicateKeyOf = (text: string): string | undefined => {
  const scopes: (Set<string> | undefined)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const scope = scopes.at(-1);
      if (scope && expectingKey) {
        let key: unknown;
        try {
          key = JSON.parse(text.slice(i, end + 1));
        } catch {
          return undefined;
        }
        if (typeof key !== 'string') return undefined;
        if (scope.has(key)) return key;
        scope.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (c === '{') {
      scopes.push(new Set());
      expectingKey = true;
    } else if (c === '[') {
      scopes.push(undefined);
      expectingKey = false;
    } else if (c === '}' || c === ']') {
      scopes.pop();
      expectingKey = false;
    } else if (c === ',') {
      expectingKey = scopes.at(-1) !== undefined;
    }
  }
  return undefined;
};

/**
 * express.json's `verify` hook: the raw bytes must be valid UTF-8 (the decoder would otherwise put U+FFFD in place of
 * bad bytes, and the text would be stored altered, not "exactly as given") and no object may repeat a key.
 */
export const verifyJsonBody = (_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string): void => {
  let text: string;
  if (/^utf-?8$/i.test(encoding)) {
    if (!isUtf8(body)) throw new AmbiguousJsonBody('the body is not valid UTF-8');
    text = body.toString('utf8');
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(body);
    } catch {
      throw new AmbiguousJsonBody(`the body is not valid ${encoding}`);
    }
  }
  const duplicate = duplicateKeyOf(text);
  if (duplicate !== undefined) throw new AmbiguousJsonBody(`the key ${JSON.stringify(duplicate)} appears twice in one object`);
};

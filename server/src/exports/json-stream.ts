/**
 * Writes a JSON object whose last members are long lists, item by item, as the items arrive:
 * the head (small) first, then each list. Indented like `JSON.stringify(value, null, 2)`, so the
 * file reads the same as if it had been written in one go; only one item is held at a time.
 */
export async function* jsonDocument(
  head: object,
  lists: readonly (readonly [name: string, items: AsyncIterable<unknown> | Iterable<unknown>])[],
): AsyncGenerator<string> {
  const top = JSON.stringify(head, null, 2);
  // '{\n  "a": 1\n}' or '{}': open the object again to append the lists.
  yield top.slice(0, top.lastIndexOf('}')).trimEnd();
  let members = Object.keys(head).length;
  for (const [name, items] of lists) {
    yield `${members++ ? ',' : ''}\n  ${JSON.stringify(name)}: [`;
    let n = 0;
    for await (const item of items) {
      const text = JSON.stringify(item, null, 2).replace(/\n/g, '\n    ');
      yield `${n++ ? ',' : ''}\n    ${text}`;
    }
    yield n ? '\n  ]' : ']';
  }
  yield members ? '\n}\n' : '}\n';
}

/** Joins small text pieces into chunks of about `size` bytes, so the zip sees fewer, fuller writes. */
export async function* chunked(
  pieces: AsyncIterable<string>,
  size = 16 * 1024,
): AsyncGenerator<Buffer> {
  let parts: string[] = [];
  let length = 0;
  for await (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield Buffer.from(parts.join(''), 'utf8');
      parts = [];
      length = 0;
    }
  }
  if (length) yield Buffer.from(parts.join(''), 'utf8');
}

/** Maps an async sequence lazily; `fn` may drop an item by returning undefined. */
export async function* mapAsync<T, U>(
  items: AsyncIterable<T>,
  fn: (item: T) => U | undefined | Iterable<U>,
  many = false,
): AsyncGenerator<U> {
  for await (const item of items) {
    const out = fn(item);
    if (out === undefined) continue;
    if (many) yield* out as Iterable<U>;
    else yield out as U;
  }
}

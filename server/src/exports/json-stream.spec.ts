import { chunked, jsonDocument, mapAsync } from './json-stream.js';

async function text(gen: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const piece of gen) out += piece;
  return out;
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
}

describe('jsonDocument', () => {
  it('writes exactly what JSON.stringify(…, null, 2) writes for the whole object', async () => {
    const head = { title: 'Record', nested: { a: [1, 2], b: null }, quote: 'say "hi"\n' };
    const screeners = [
      { id: 1, answers: [{ q: 'x', a: 'y' }] },
      { id: 2, answers: [] },
    ];
    const out = await text(
      jsonDocument(head, [
        ['screeners', slowly(screeners)],
        ['reading', slowly([])],
        ['sessions', [{ when: 'Monday' }]],
      ]),
    );
    const whole = { ...head, screeners, reading: [], sessions: [{ when: 'Monday' }] };
    expect(out).toBe(`${JSON.stringify(whole, null, 2)}\n`);
  });

  it('handles an empty head and no lists', async () => {
    expect(JSON.parse(await text(jsonDocument({}, [['a', []]])))).toEqual({ a: [] });
    expect(await text(jsonDocument({}, []))).toBe('{}\n');
    expect(await text(jsonDocument({}, [['a', [1]]]))).toBe(
      `${JSON.stringify({ a: [1] }, null, 2)}\n`,
    );
  });

  it('reads the lists lazily: nothing is pulled before the document gets there', async () => {
    const pulled: number[] = [];
    async function* items() {
      for (let i = 0; i < 3; i++) {
        pulled.push(i);
        yield { i };
      }
    }
    const gen = jsonDocument({ a: 1 }, [['items', items()]]);
    await gen.next(); // the head
    expect(pulled).toEqual([]);
    await gen.next(); // the list opens
    await gen.next(); // the first item
    expect(pulled).toEqual([0]);
  });
});

describe('chunked and mapAsync', () => {
  it('joins pieces into chunks of about the size asked, losing nothing', async () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `piece ${i}; `);
    const chunks: Buffer[] = [];
    for await (const c of chunked(slowly(pieces), 100)) chunks.push(c);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(pieces.join(''));
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((c) => c.length >= 100)).toBe(true);
  });

  it('maps lazily, drops undefined and flattens when asked', async () => {
    const out: number[] = [];
    for await (const n of mapAsync(slowly([1, 2, 3]), (n) => (n === 2 ? undefined : n * 10)))
      out.push(n);
    expect(out).toEqual([10, 30]);
    const flat: number[] = [];
    for await (const n of mapAsync(slowly([1, 2]), (n) => [n, n], true)) flat.push(n);
    expect(flat).toEqual([1, 1, 2, 2]);
  });
});

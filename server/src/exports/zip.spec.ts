import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { zipStream } from './zip.js';

function unzip(data: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(data, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files: Record<string, string> = {};
      zip.on('entry', (entry: Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          void buffer(stream).then((b) => {
            files[entry.fileName] = b.toString('utf8');
            zip.readEntry();
          }, reject);
        }),
      );
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('zipStream', () => {
  it('writes text and streamed entries, in order, opening each stream only when it is reached', async () => {
    const opened: string[] = [];
    const stream = (name: string, text: string) => () => {
      opened.push(name);
      return Readable.from([text.slice(0, 3), text.slice(3)]);
    };
    const out = zipStream(
      [
        { name: 'README.txt', text: 'Read me.\n' },
        { name: 'a.json', open: stream('a', '{"a": "é ✓"}') },
        { name: 'b.json', open: stream('b', '[1, 2, 3]') },
      ],
      new Date('2026-03-09T12:00:00Z'),
    );
    expect(opened).toEqual([]);
    const files = await unzip(await buffer(out));
    expect(files).toEqual({
      'README.txt': 'Read me.\n',
      'a.json': '{"a": "é ✓"}',
      'b.json': '[1, 2, 3]',
    });
    expect(opened).toEqual(['a', 'b']);
  });

  it('fails the archive when an entry fails, and stops the entry when the archive is dropped', async () => {
    const failing = zipStream(
      [
        {
          name: 'x.json',
          open: () =>
            Readable.from(
              (async function* () {
                yield 'start';
                throw new Error('database went away');
              })(),
            ),
        },
      ],
      new Date(),
    );
    await expect(buffer(failing)).rejects.toThrow('database went away');

    let stopped = false;
    const endless = zipStream(
      [
        {
          name: 'y.json',
          open: () =>
            Readable.from(
              (async function* () {
                try {
                  for (;;) yield 'x'.repeat(1024);
                } finally {
                  stopped = true;
                }
              })(),
            ),
        },
      ],
      new Date(),
    );
    await new Promise<void>((resolve) => endless.once('data', () => resolve()));
    endless.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(true);
  });
});

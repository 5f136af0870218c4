import { buffer } from 'node:stream/consumers';
import { type Entry, fromBuffer, type ZipFile } from 'yauzl';

/** The files of a ZIP archive, by name, as text (yauzl checks each entry's CRC as it reads). */
export function unzipText(data: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(data, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files: Record<string, string> = {};
      zip.on('entry', (entry: Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          buffer(stream).then((b) => {
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

/** A supertest parser that keeps the body as bytes (for downloads). */
export function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  // At parse time supertest hands over the raw response stream.
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (e: Error) => done(e, Buffer.alloc(0)));
}

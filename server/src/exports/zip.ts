import { finished, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';

export type ZipEntry =
  | { name: string; text: string }
  /** Opened only when the zip reaches it, so its source (a database cursor) starts then. */
  | { name: string; open: () => Readable };

/**
 * A ZIP archive as a stream (yazl), its entries written one after another as they are read. A
 * failing entry fails the archive (the download is cut off rather than ending in a broken file
 * that looks whole), and an archive nobody reads any more (the browser went away) stops its
 * current entry, so that entry's source lets go of the database.
 */
export function zipStream(entries: readonly ZipEntry[], mtime: Date): Readable {
  const zip = new ZipFile();
  // yazl's outputStream is a PassThrough (typed as a bare NodeJS.ReadableStream).
  const out = zip.outputStream as Readable;
  let current: Readable | undefined;
  const fail = (e: Error) => {
    current?.destroy();
    if (!out.destroyed) out.destroy(e);
  };
  zip.on('error', fail);
  const options = { mtime, mode: 0o100644 };
  for (const entry of entries) {
    if ('text' in entry) zip.addBuffer(Buffer.from(entry.text, 'utf8'), entry.name, options);
    else
      zip.addReadStreamLazy(entry.name, options, (cb) => {
        if (out.destroyed) return;
        current = entry.open();
        current.on('error', fail);
        cb(null, current);
      });
  }
  zip.end();
  finished(out, () => {
    if (current && !current.readableEnded) current.destroy();
  });
  return out;
}

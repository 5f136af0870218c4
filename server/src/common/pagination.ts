import { LIMITS } from '@attune/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { badField } from './errors.js';

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export function pageSize(q: PageQueryDto): number {
  return q.limit ?? LIMITS.pageSizeDefault;
}

/** Opaque keyset cursor: the sort key values of the last row returned. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === arity &&
      v.every((x) => typeof x === 'string' || typeof x === 'number')
    )
      return v;
  } catch {
    /* fall through */
  }
  throw badField('cursor', 'cursor is not one this server gave out');
}

/** Takes limit+1 rows and turns them into a page with the next cursor. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  key: (r: R) => (string | number)[],
) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return {
    items: items.map(map),
    nextCursor: more ? encodeCursor(key(items[items.length - 1]!)) : null,
  };
}

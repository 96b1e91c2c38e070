/** Walking a whole collection (or a filtered part) through the port, one page at a time. */
import type { BaseDoc, Collection, Filter, Sort } from "./port.ts";

/** Every document matching `filter`, page by page (imports, exports, maintenance runs). */
export async function* scan<T extends BaseDoc>(
  collection: Collection<T>,
  filter: Filter = {},
  sort?: Sort,
): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page = await collection.find(filter, {
      ...(sort === undefined ? {} : { sort }),
      limit: 1000,
      ...(cursor === null ? {} : { cursor }),
    });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

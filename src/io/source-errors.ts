/** Errors that name the file or buffer they came from. */

/** Runs `read`, prefixing any error's message with `source` (the file name) unless it already starts with it. */
export function namingSource<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    // errors from deep inside (a layer's constructor refusing a size) still name the file
    if (e instanceof Error && !e.message.startsWith(source)) e.message = `${source}: ${e.message}`;
    throw e;
  }
}

/**
 * Splits decoded text into lines across chunk boundaries, accepting LF, CRLF and lone CR.
 * Only the unfinished tail of the current line is kept, so memory stays flat however the
 * input is chunked; a line longer than `maxLineLength` is dropped (reported as `null`) rather
 * than buffered without bound.
 */
export class LineSplitter {
  readonly #maxLineLength: number;
  #tail: string[] = [];
  #tailLength = 0;
  #overlong = false;
  #afterCr = false;

  constructor(maxLineLength: number) {
    this.#maxLineLength = maxLineLength;
  }

  /** Appends the complete lines found in `text` to `out`; an overlong line appears as `null`. */
  push(text: string, out: (string | null)[]): void {
    const length = text.length;
    let start = 0;
    if (this.#afterCr && length > 0) {
      // The LF of a CRLF whose CR ended the previous chunk.
      if (text.charCodeAt(0) === 10) start = 1;
      this.#afterCr = false;
    }
    // Native indexOf scans far faster than a character loop; both break kinds are tracked.
    let lf = text.indexOf("\n", start);
    let cr = text.indexOf("\r", start);
    while (lf >= 0 || cr >= 0) {
      const isCr = cr >= 0 && (lf < 0 || cr < lf);
      const end = isCr ? cr : lf;
      this.#emit(text, start, end, out);
      start = end + 1;
      if (isCr) {
        if (start === length) this.#afterCr = true;
        else if (text.charCodeAt(start) === 10) start++;
        cr = text.indexOf("\r", start);
        if (lf >= 0 && lf < start) lf = text.indexOf("\n", start);
      } else {
        lf = text.indexOf("\n", start);
      }
    }
    if (start < length) this.#keep(text.slice(start));
  }

  /** Ends the input: a last line without a line break still counts. */
  flush(out: (string | null)[]): void {
    if (this.#tailLength > 0 || this.#overlong) this.#emit("", 0, 0, out);
    this.#afterCr = false;
  }

  #emit(text: string, start: number, end: number, out: (string | null)[]): void {
    if (this.#overlong || this.#tailLength + (end - start) > this.#maxLineLength) {
      out.push(null);
    } else if (this.#tailLength === 0) {
      out.push(text.slice(start, end));
    } else {
      this.#tail.push(text.slice(start, end));
      out.push(this.#tail.join(""));
    }
    this.#tail = [];
    this.#tailLength = 0;
    this.#overlong = false;
  }

  #keep(piece: string): void {
    if (this.#overlong) return;
    this.#tailLength += piece.length;
    if (this.#tailLength > this.#maxLineLength) {
      this.#overlong = true;
      this.#tail = [];
      return;
    }
    this.#tail.push(piece);
  }
}

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
    let start = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      if (code === 10 && this.#afterCr && i === start) {
        // The LF of a CRLF whose CR ended the previous line (possibly in the previous chunk).
        this.#afterCr = false;
        start = i + 1;
        continue;
      }
      this.#emit(text, start, i, out);
      this.#afterCr = code === 13;
      start = i + 1;
    }
    if (start < length) {
      this.#afterCr = false;
      this.#keep(text.slice(start));
    }
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

const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";
/** An `&` that does not start a character or entity reference. */
const STRAY_AMPERSAND = /&(?!(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{0,31});)/gi;
/** Characters XML 1.0 forbids; EPG exports carry them from broadcast text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const MAX_REFERENCE = 40;

/**
 * Repairs the two faults that make real XMLTV files unreadable to a strict XML parser: a bare
 * `&` (as in `Tom & Jerry` or `?a=1&b=2`), which would swallow the markup up to the next `;`,
 * and control characters. CDATA sections pass untouched. Works across chunk boundaries by
 * holding back a tail that might be an unfinished reference or CDATA marker.
 */
export class XmlSanitizer {
  #carry = "";
  #inCdata = false;
  ampersands = 0;
  controls = 0;

  push(chunk: string): string {
    const text = this.#carry + chunk;
    this.#carry = "";
    let out = "";
    let pos = 0;
    for (;;) {
      if (this.#inCdata) {
        const end = text.indexOf(CDATA_CLOSE, pos);
        if (end < 0) {
          const keep = Math.max(pos, text.length - (CDATA_CLOSE.length - 1));
          this.#carry = text.slice(keep);
          return out + text.slice(pos, keep);
        }
        out += text.slice(pos, end + CDATA_CLOSE.length);
        pos = end + CDATA_CLOSE.length;
        this.#inCdata = false;
        continue;
      }
      const start = text.indexOf(CDATA_OPEN, pos);
      if (start >= 0) {
        out += this.#clean(text.slice(pos, start)) + CDATA_OPEN;
        pos = start + CDATA_OPEN.length;
        this.#inCdata = true;
        continue;
      }
      const cut = safeCut(text, pos);
      this.#carry = text.slice(cut);
      return out + this.#clean(text.slice(pos, cut));
    }
  }

  flush(): string {
    const rest = this.#inCdata ? this.#carry : this.#clean(this.#carry);
    this.#carry = "";
    return rest;
  }

  #clean(text: string): string {
    let result = text;
    if (result.includes("&")) {
      result = result.replace(STRAY_AMPERSAND, () => {
        this.ampersands++;
        return "&amp;";
      });
    }
    CONTROL.lastIndex = 0;
    if (CONTROL.test(result)) {
      result = result.replace(CONTROL, () => {
        this.controls++;
        return "";
      });
    }
    return result;
  }
}

/** Where to stop so that an unfinished `&name` or `<![CDATA` at the end waits for more text. */
function safeCut(text: string, from: number): number {
  let cut = text.length;
  const amp = text.lastIndexOf("&");
  if (amp >= from && text.length - amp <= MAX_REFERENCE && !text.includes(";", amp)) cut = amp;
  const lt = text.lastIndexOf("<");
  if (lt >= from && lt < cut && CDATA_OPEN.startsWith(text.slice(lt))) cut = lt;
  return cut;
}

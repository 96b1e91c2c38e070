/**
 * Decodes XML bytes to text in the encoding the document declares (many XMLTV files are
 * ISO-8859-1 or windows-1252), or that its byte order mark shows; UTF-8 otherwise. Invalid
 * bytes become U+FFFD. `onWarning` hears about an encoding the runtime cannot decode.
 */
export async function* decodeXml(
  source: AsyncIterable<Uint8Array>,
  onWarning: (message: string) => void,
): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let decoder: TextDecoder | undefined;
  for await (const chunk of source) {
    if (decoder === undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      // The XML declaration sits in the first few hundred bytes.
      if (headBytes < 512) continue;
      decoder = pickDecoder(concat(head), onWarning);
      for (const piece of head) yield decoder.decode(piece, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder === undefined) {
    decoder = pickDecoder(concat(head), onWarning);
    for (const piece of head) yield decoder.decode(piece, { stream: true });
  }
  yield decoder.decode();
}

function pickDecoder(head: Uint8Array, onWarning: (message: string) => void): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be");
  const declaration = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    new TextDecoder("latin1").decode(head.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, ""),
  );
  const label = declaration?.[1];
  if (label === undefined) return new TextDecoder("utf-8");
  try {
    return new TextDecoder(label);
  } catch {
    onWarning(`unknown encoding "${label}"; reading as UTF-8`);
    return new TextDecoder("utf-8");
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

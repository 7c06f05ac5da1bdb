/** A file part of a multipart/form-data upload, as the Bot API server reads it. */
export interface UploadedPart {
  /** The form field it came in (grammY: a random id the `attach://` parameter names). */
  field: string;
  fileName: string;
  /** The part's own Content-Type (grammY always says application/octet-stream). */
  contentType: string;
  /** Whether `filename` came as a quoted string, as RFC 7578 §4.2 wants (Telegram also reads it bare, up to a ";"). */
  fileNameQuoted: boolean;
  bytes: Uint8Array;
}

/** The fields and files of a multipart/form-data body. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedPart[];
}

const CRLF_CRLF = Buffer.from("\r\n\r\n");

/**
 * Parses a multipart/form-data body the way Telegram's server (tdlib's HttpReader) does, not as
 * strictly as a browser: grammY writes `filename=` unquoted, so a name is read up to the next ";"
 * and trimmed, quotes removed only when they enclose it. Spaces and UTF-8 survive. Undefined when
 * the body is not readable as multipart (Telegram answers 400 then).
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody | undefined {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no leading CRLF: put one in front so all look alike.
  const data = Buffer.concat([Buffer.from("\r\n"), body]);
  const result: MultipartBody = { fields: {}, files: [] };
  let at = data.indexOf(delimiter);
  if (at < 0) return undefined;
  while (true) {
    const afterDelimiter = at + delimiter.length;
    if (data.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") return result;
    const headersStart = afterDelimiter + 2; // the CRLF after the delimiter
    const headersEnd = data.indexOf(CRLF_CRLF, headersStart);
    if (headersEnd < 0) return undefined;
    const next = data.indexOf(delimiter, headersEnd + 4);
    if (next < 0) return undefined;
    const part = readHeaders(data.subarray(headersStart, headersEnd).toString("utf8"));
    if (!part.name) return undefined;
    const content = data.subarray(headersEnd + 4, next);
    if (part.fileName !== undefined)
      result.files.push({
        field: part.name,
        fileName: part.fileName,
        contentType: part.contentType,
        fileNameQuoted: part.quoted,
        bytes: new Uint8Array(content),
      });
    else result.fields[part.name] = content.toString("utf8");
    at = next;
  }
}

function readHeaders(headers: string): { name?: string; fileName?: string; contentType: string; quoted: boolean } {
  const part: { name?: string; fileName?: string; contentType: string; quoted: boolean } = {
    contentType: "application/octet-stream",
    quoted: false,
  };
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-type") part.contentType = value;
    if (header !== "content-disposition" || !value.startsWith("form-data;")) continue;
    for (const param of value.slice("form-data;".length).split(";")) {
      const equals = param.indexOf("=");
      if (equals < 0) continue;
      const key = param.slice(0, equals).trim();
      let text = param.slice(equals + 1).trim();
      const quoted = text.length > 1 && text.startsWith('"') && text.endsWith('"');
      if (quoted) text = text.slice(1, -1);
      if (key === "name") part.name = text;
      if (key === "filename") Object.assign(part, { fileName: text, quoted });
    }
  }
  return part;
}

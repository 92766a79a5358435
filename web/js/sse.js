// A server-sent-events frame parser for streamed fetch bodies (EventSource cannot POST).

/**
 * Feed decoded text chunks; get back complete events `{event, data}` in order.
 * Frames end with a blank line; `data:` lines are joined with "\n"; comments (":") and
 * unknown fields are ignored; the event name defaults to "message".
 */
export class SseParser {
  constructor() {
    this.buffer = "";
    this.pendingCR = false;
  }

  feed(chunk) {
    // A CRLF may be split across chunks: hold a trailing CR until the next chunk says.
    let text = (this.pendingCR ? "\r" : "") + chunk;
    this.pendingCR = text.endsWith("\r");
    if (this.pendingCR) text = text.slice(0, -1);
    this.buffer += text.replace(/\r\n?/g, "\n");
    const events = [];
    let end;
    while ((end = this.buffer.indexOf("\n\n")) !== -1) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const parsed = parseFrame(frame);
      if (parsed) events.push(parsed);
    }
    return events;
  }

  /** Whatever complete frame is left when the stream ends without a final blank line. */
  flush() {
    const rest = this.buffer + (this.pendingCR ? "\n" : "");
    this.pendingCR = false;
    this.buffer = "";
    const parsed = rest.trim() ? parseFrame(rest) : null;
    return parsed ? [parsed] : [];
  }
}

function parseFrame(frame) {
  let event = "message";
  const data = [];
  for (const line of frame.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { event, data: data.join("\n") } : null;
}

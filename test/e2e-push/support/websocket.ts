import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Just enough of a WebSocket server (RFC 6455) for Firefox's push client: the opening handshake with the
 * `push-notification` subprotocol, text frames (masked from the client, plain from us), ping/pong and close.
 * Firefox's push messages are small JSON texts; fragmented messages are reassembled all the same.
 */
export interface WebSocketConnection {
  send(text: string): void;
  /** Sends a close frame and ends the TCP connection (the client then reconnects after its backoff). */
  close(code?: number): void;
  readonly open: boolean;
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65_536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(payload.length));
              return b;
            })(),
          ]);
  return Buffer.concat([head, payload]);
}

/** Completes the upgrade on `socket` and calls `onText` for each text message. Returns undefined (and answers 400) for a bad request. */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  handlers: { onText(text: string): void; onClose(): void },
): WebSocketConnection | undefined {
  const key = req.headers["sec-websocket-key"];
  if (req.headers.upgrade?.toLowerCase() !== "websocket" || typeof key !== "string") {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    return undefined;
  }
  const accept = createHash("sha1").update(`${key}${GUID}`).digest("base64");
  const offered = String(req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((p) => p.trim());
  const protocol = offered.includes("push-notification") ? "Sec-WebSocket-Protocol: push-notification\r\n" : "";
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${protocol}\r\n`,
  );

  let open = true;
  let buffered = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  const closed = () => {
    if (!open) return;
    open = false;
    handlers.onClose();
  };
  const connection: WebSocketConnection = {
    get open() {
      return open;
    },
    send(text) {
      if (open) socket.write(frame(0x1, Buffer.from(text, "utf8")));
    },
    close(code = 1000) {
      if (!open) return;
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code);
      socket.end(frame(0x8, payload));
      closed();
    },
  };

  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      const b0 = buffered[0] ?? 0;
      const b1 = buffered[1] ?? 0;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      const masked = (b1 & 0x80) !== 0;
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLength = masked ? 4 : 0;
      if (buffered.length < offset + maskLength + length) return;
      const mask = buffered.subarray(offset, offset + maskLength);
      const payload = Buffer.from(buffered.subarray(offset + maskLength, offset + maskLength + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      buffered = buffered.subarray(offset + maskLength + length);

      if (opcode === 0x8) {
        if (open) socket.end(frame(0x8, payload.subarray(0, 2)));
        closed();
        return;
      }
      if (opcode === 0x9) {
        socket.write(frame(0xa, payload));
        continue;
      }
      if (opcode === 0xa) continue;
      if (opcode === 0x1 || opcode === 0x0) {
        fragments.push(payload);
        if (fin) {
          const text = Buffer.concat(fragments).toString("utf8");
          fragments = [];
          handlers.onText(text);
        }
      }
    }
  });
  socket.on("close", closed);
  socket.on("error", closed);
  return connection;
}

// What a WAMP session needs from its connection, whatever carries the messages: a WebSocket (ws) or a
// RawSocket stream. Message-oriented: each message arrives and is sent whole.
import type { WebSocket } from 'ws';

/** The byte stream under the connection, corked by the session to batch a tick's writes into one syscall. */
export interface CorkableStream {
  cork(): void;
  uncork(): void;
  readonly destroyed: boolean;
}

export interface WampSocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the WebSocket readyState values). */
  readonly readyState: number;
  /** Bytes accepted by send() but not yet written to the operating system. */
  readonly bufferedAmount: number;
  readonly isPaused: boolean;
  send(frame: string | Uint8Array, binary: boolean): void;
  /** Orderly close (WebSocket close frame; RawSocket: end the stream after what is queued). */
  close(code: number, reason: string): void;
  /** Drop the connection now. */
  terminate(): void;
  /** Stop / resume reading (messages already read are still delivered). */
  pause(): void;
  resume(): void;
  stream(): CorkableStream | undefined;
  onMessage(handler: (data: Buffer, isBinary: boolean) => void): void;
  /** Called once, when the connection is closed for whatever reason. */
  onClose(handler: (code: number, reason: string) => void): void;
}

/** A ws WebSocket as a WampSocket. */
export function wsWampSocket(ws: WebSocket): WampSocket {
  // ws closes the socket itself on errors (e.g. 1009 on an oversized frame); 'close' follows.
  ws.on('error', () => undefined);
  return {
    get readyState() {
      return ws.readyState;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isPaused() {
      return ws.isPaused;
    },
    send: (frame, binary) => ws.send(frame, { binary }),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    // ws exposes its net.Socket only as _socket.
    stream: () => (ws as unknown as { _socket?: CorkableStream })._socket,
    onMessage: (handler) => ws.on('message', (data, isBinary) => handler(data as Buffer, isBinary)),
    onClose: (handler) => ws.on('close', (code, reason) => handler(code, reason.toString())),
  };
}

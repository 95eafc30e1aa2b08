// A recording forward proxy for browser tests: every request the browser's network stack makes goes through
// it (page, workers, workers started by workers), so a test can list them all. Playwright's routing cannot
// do that: in Chromium it never sees requests from a worker started inside a worker (microsoft/playwright
// #27376), and the training worker starts the draw workers. Requests to `allowed` are forwarded; anything
// else (HTTPS tunnels included) is recorded and refused.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordProxy {
  /** http://127.0.0.1:port, for the context's `proxy.server` */
  server: string;
  /** the paths (with their queries) forwarded to `allowed`, in order: what its server must have got */
  forwarded: string[];
  /** every other request, refused: the URL (or `CONNECT host:port`) */
  refused: string[];
  close(): Promise<void>;
}

/** A proxy that forwards only to `allowed` (an origin such as http://127.0.0.1:45678). */
export async function startRecordProxy(allowed: string): Promise<RecordProxy> {
  const target = new URL(allowed);
  const forwarded: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((req, res) => {
    const url = req.url ?? "";
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // not an absolute URL: not a proxy request
    }
    if (!parsed || parsed.origin !== target.origin) {
      refused.push(url);
      res.writeHead(403, { "Content-Type": "text/plain" }).end(`refused by the test proxy: ${url}`);
      return;
    }
    const path = parsed.pathname + parsed.search;
    forwarded.push(path);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", (e) => res.writeHead(502).end(String(e)));
    req.pipe(upstream);
  });
  // HTTPS (and anything else tunnelled) is never to our plain-http origin: record it and hang up.
  proxy.on("connect", (req, socket: Socket) => {
    refused.push(`CONNECT ${req.url ?? ""}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  proxy.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = proxy.address() as AddressInfo;
  return {
    server: `http://127.0.0.1:${port}`,
    forwarded,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

// A plain static file server for browser tests: serves a folder (dist/) under a sub-path, the way a school's
// classroom server would, with no special headers. Started and stopped by the test itself, so "the server
// is off" is real. Built on sirv (the static handler Vite's own preview uses).
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import sirv from "sirv";

export interface StaticServer {
  /** e.g. http://127.0.0.1:45678 */
  origin: string;
  /** the app's URL: origin + sub-path, ending in "/" */
  url: string;
  /** every path asked for, in order (to check what reached the server) */
  requests: string[];
  /** stop listening and drop open connections (keep-alive ones too) */
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** a fixed port (default: a free one) */
  port?: number;
  /** look files up on every request (sirv's dev mode), for tests that change files while serving */
  live?: boolean;
}

/** Serve `root` under `base` (e.g. "/some/sub/path/") on 127.0.0.1. */
export async function startStaticServer(
  root: string,
  base: string,
  { port = 0, live = false }: StaticServerOptions = {},
): Promise<StaticServer> {
  if (!base.startsWith("/") || !base.endsWith("/"))
    throw new Error(`base must start and end with "/": ${base}`);
  // sirv's production mode indexes the folder once at start (sizes, ETags); dev mode reads it per request.
  const serve = sirv(root, { dev: live, etag: true });
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(url);
    if (url === base.slice(0, -1)) {
      res.writeHead(301, { Location: base }).end();
      return;
    }
    if (!url.startsWith(base)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`not under ${base}: ${url}`);
      return;
    }
    req.url = `/${url.slice(base.length)}`;
    serve(req, res, () => {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: ${url}`);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}${base}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        for (const s of sockets) s.destroy();
      }),
  };
}

// A real HTTP server on 127.0.0.1 (port chosen by the OS) for the tests of every suite: feeds, pages
// and redirects served the way other people's servers serve them.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  server: http.Server;
  /** Stops it, dropping open connections. */
  close(): Promise<void>;
}

export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

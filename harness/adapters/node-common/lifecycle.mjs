// Listening and stopping, shared by the Node.js adapters: bounded header and
// request times, the "listening on" line the harness waits for, and a stop on
// SIGTERM/SIGINT or after --duration seconds.

export const LIMITS = {
  maxBodyBytes: 64 * 1024,
  requestTimeoutMs: 10000,
  headersTimeoutMs: 5000,
  keepAliveTimeoutMs: 5000,
  maxRequestsPerSocket: 100,
  maxHeadersCount: 100,
};
const STOP_GRACE_MS = 500;

// Applies LIMITS to a node:http server (plain, or the one under express).
export function limitServer(server) {
  server.requestTimeout = LIMITS.requestTimeoutMs;
  server.headersTimeout = LIMITS.headersTimeoutMs;
  server.keepAliveTimeout = LIMITS.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = LIMITS.maxRequestsPerSocket;
  server.maxHeadersCount = LIMITS.maxHeadersCount;
  server.on('clientError', answerClientError);
}

// As node's own answer to a request it cannot parse (431 for oversized
// headers, 408 on timeout, else 400), but the connection stays open to read
// and drop the rest of what the client is still sending, and is closed once
// the client has finished (or after headersTimeoutMs): closing with unread
// data resets the connection, and the client then loses the answer (ROB-1's
// 1 MiB token came back as "no answer"). Node reports the error again for
// every later chunk, hence the set of sockets already answered.
const answeredSockets = new WeakSet();

function answerClientError(error, socket) {
  if (answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  let status = '400 Bad Request';
  if (error.code === 'HPE_HEADER_OVERFLOW') status = '431 Request Header Fields Too Large';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') status = '408 Request Timeout';
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.on('end', () => socket.end());
  socket.resume();
  setTimeout(() => socket.destroy(), LIMITS.headersTimeoutMs).unref();
}

// The line the harness's launcher waits for.
export function announce(address) {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  process.stdout.write(`listening on http://${host}:${address.port}\n`);
}

export function listenAndAnnounce(name, server, options) {
  server.on('error', (error) => {
    process.stderr.write(`${name} adapter: cannot listen: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => announce(server.address()));
}

// close: stops accepting and drops open connections; the process exits
// shortly after even if close never settles.
export function stopOnSignalOrDeadline(close, durationSeconds) {
  const stop = () => {
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    Promise.resolve().then(close).catch(() => {});
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setTimeout(stop, durationSeconds * 1000).unref();
}

// For a node:http server.
export function closeHttpServer(server) {
  server.close();
  server.closeAllConnections();
}

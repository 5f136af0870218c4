// Ports for the checks in this folder. A port picked at random from a fixed range can be held
// already: on a shared machine even by the local end of an outgoing connection, since Linux hands
// those out from 32768-60999. The kernel's own choice (listening on port 0) is a port nothing
// holds at that moment, on every interface; with `udp`, the same UDP port is free too (Caddy
// serves HTTP/3 over UDP on its HTTPS port).
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function kernelPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = createSocket('udp6');
    socket.once('error', () => resolve(false));
    socket.bind(port, () => socket.close(() => resolve(true)));
  });
}

/** A free TCP port, different from every port in `taken`. */
export async function freePort({ udp = false, taken = [] } = {}) {
  for (let tries = 0; tries < 50; tries++) {
    const port = await kernelPort();
    if (taken.includes(port)) continue;
    if (!udp || (await udpFree(port))) return port;
  }
  throw new Error('no free port after 50 tries');
}

/** True when a child's output says it could not listen because the port was taken meanwhile. */
export const portWasTaken = (output) => /EADDRINUSE|address already in use/i.test(output);

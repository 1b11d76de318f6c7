import type { Redis } from "ioredis";

/**
 * Say once when the connection to Redis is lost (and what goes on meanwhile) and once when
 * it is back; ioredis reconnects with the target's backoff in between. Returns the function
 * that stops watching (before a deliberate disconnect).
 */
export function watchConnection(
  client: Redis,
  shown: string,
  meanwhile: string,
  log: (line: string) => void,
): () => void {
  let ready = false;
  let lost = false;
  client.on("ready", () => {
    if (lost) log(`Redis at ${shown} is back`);
    ready = true;
    lost = false;
  });
  client.on("error", () => {}); // Each reconnection attempt fails until Redis is back: said once below.
  const onClose = () => {
    if (!ready || lost) return;
    lost = true;
    log(`lost the connection to Redis at ${shown}: ${meanwhile}; reconnecting with backoff`);
  };
  client.on("close", onClose);
  return () => client.off("close", onClose);
}

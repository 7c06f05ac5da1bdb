import type { FastifyReply, FastifyRequest } from "fastify";

// Requests that change something; a browser sends `Origin` with each of them.
const CHANGES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host name of a `Host` header or an origin, lower-case, without port (`[::1]` keeps its brackets). */
export function hostName(value: string): string | null {
  if (/[@/\\?#\s]/.test(value)) return null;
  try {
    return new URL(`http://${value}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Answers 403 to a request whose `Host` is not one of `allowed` — a page on another site that
 * resolves its own name to 127.0.0.1 (DNS rebinding) reaches the port but carries its own name —
 * and to a change whose `Origin` is another site's. `/healthz` stays open to probes that use an IP.
 */
export function hostGuard(allowed: readonly string[]) {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url === "/healthz") return;
    const host = hostName(request.headers.host ?? "");
    if (!host || !names.has(host)) {
      return reply
        .code(403)
        .send({ error: { code: "forbidden_host", message: "This server does not answer under this host name." } });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && CHANGES.has(request.method) && !names.has(originHost(origin) ?? "")) {
      return reply
        .code(403)
        .send({ error: { code: "forbidden_origin", message: "Requests from another site are refused." } });
    }
  };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return null;
  }
}

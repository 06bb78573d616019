/**
 * `nabla playground`: serves the built playground (`npm run build:playground` writes dist/playground) over HTTP.
 * Binds 127.0.0.1 unless told otherwise, serves only files inside the build folder (any `..` or encoded
 * traversal is a 404), and sends the cross-origin isolation headers that SharedArrayBuffer and wasm threads need.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError, type Command } from "commander";

/** Content types by file extension; anything else is served as application/octet-stream. */
export const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

/** Sent with every response: cross-origin isolation (COOP + COEP), so the page may use SharedArrayBuffer. */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
};

/** The package's dist/playground, found from this file whether it runs from src/ or dist/. */
export function defaultPlaygroundDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "nabla") return join(dir, "dist", "playground");
    const up = dirname(dir);
    if (up === dir) return resolve("dist", "playground");
    dir = up;
  }
}

/**
 * The file a request path names inside `root`, or null. Rejected before decoding: `..`, backslashes and encoded
 * dots, slashes, backslashes or NULs (`%2e`, `%2f`, `%5c`, `%00`); after decoding the path must still lie in root.
 */
export function resolveRequestPath(root: string, rawUrl: string): string | null {
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  if (!path.startsWith("/") || path.includes("..") || path.includes("\\") || /%(2e|2f|5c|00)/i.test(path)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.split("/").some((seg) => seg === "." || seg === "..")) return null;
  const base = resolve(root);
  const full = resolve(base, "." + (decoded.endsWith("/") ? decoded + "index.html" : decoded));
  return full.startsWith(base + sep) ? full : null;
}

export interface PlaygroundServerOptions {
  /** Address to bind (default 127.0.0.1: this machine only). */
  host?: string;
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** The built playground (default the package's dist/playground). */
  dir?: string;
}

export interface PlaygroundServer {
  server: Server;
  /** The address it listens on, e.g. http://127.0.0.1:8080/. */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...ISOLATION_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function handler(root: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "method not allowed\n");
    }
    const file = resolveRequestPath(root, req.url ?? "/");
    let size = -1;
    try {
      if (file) {
        const st = statSync(file);
        if (st.isFile()) size = st.size;
      }
    } catch {
      size = -1;
    }
    if (!file || size < 0) return send(res, 404, "not found\n");
    res.writeHead(200, {
      ...ISOLATION_HEADERS,
      "Content-Type": MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": size,
      // hashed asset names may be cached; the page itself is checked each time
      "Cache-Control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") return void res.end();
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  };
}

/** Starts the server; resolves once it listens. */
export async function startPlaygroundServer(options: PlaygroundServerOptions = {}): Promise<PlaygroundServer> {
  const { host = "127.0.0.1", port = 8080 } = options;
  const dir = resolve(options.dir ?? defaultPlaygroundDir());
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`nabla playground: no built playground in ${dir} (run npm run build:playground first, or pass --dir)`);
  }
  const server = createServer(handler(dir));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const addr = server.address();
  const bound = typeof addr === "object" && addr ? addr : { address: host, port };
  const shown = bound.address.includes(":") ? `[${bound.address}]` : bound.address;
  return {
    server,
    url: `http://${shown}:${bound.port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got ${raw}`);
  return n;
}

export function registerPlayground(prog: Command): void {
  prog
    .command("playground")
    .description("serve the playground web app (build it first: npm run build:playground)")
    .option("--host <address>", "address to bind; 0.0.0.0 shares it with your network", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", parsePort, 8080)
    .option("--dir <folder>", "the built playground (default: the package's dist/playground)")
    .action(async (opts: { host: string; port: number; dir?: string }) => {
      const s = await startPlaygroundServer(opts);
      process.stdout.write(`nabla playground: ${s.url}  (Ctrl-C to stop)\n`);
      if (opts.host !== "127.0.0.1" && opts.host !== "localhost" && opts.host !== "::1") {
        process.stderr.write(`nabla playground: listening on ${opts.host}, reachable from other machines\n`);
      }
      await new Promise<void>((done) => s.server.on("close", () => done()));
    });
}

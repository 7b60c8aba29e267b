import { AsyncLocalStorage } from "node:async_hooks";
import {
  context,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type ContextManager,
  type Span,
} from "@opentelemetry/api";

// OpenTelemetry spans around an API request, the ingestion transaction and each job run, exported over OTLP/HTTP
// only when OTEL_EXPORTER_OTLP_ENDPOINT is set (startTracing, from instrumentation.ts). Until then inSpan calls
// its work directly: no span object, no context switch. The flag is on globalThis, as the provider is on the
// API's own global: the production server's code and Next's bundle are two copies of this module in one process.

const globalForTracing = globalThis as unknown as { gamifyTracing?: { flush(): Promise<void>; shutdown(): Promise<void> } };

/** Runs `work` inside a span named `name` (a no-op wrapper while tracing is off); an error marks the span. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span | null) => Promise<T>): Promise<T> {
  if (!globalForTracing.gamifyTracing) return work(null);
  return trace.getTracer("gamify").startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

export function tracingEnabled(): boolean {
  return Boolean(globalForTracing.gamifyTracing);
}

/**
 * Registers the OTLP/HTTP exporter for `endpoint` (the collector's base URL; spans go to <endpoint>/v1/traces),
 * once per process. Returns a handle to flush and shut it down (tests; a host that stops).
 */
export async function startTracing(options: { endpoint: string; serviceName?: string }) {
  if (globalForTracing.gamifyTracing) return globalForTracing.gamifyTracing;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/sdk-trace"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName ?? "gamify" }),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  return (globalForTracing.gamifyTracing = {
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  });
}

// The parent of a span is the span active in the async call chain. OpenTelemetry's own manager for this
// (@opentelemetry/context-async-hooks) is not among this project's packages; it is these few lines over Node's
// AsyncLocalStorage.
class AsyncLocalStorageContextManager implements ContextManager {
  private storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A) {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = (...args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown)(...args));
    return run as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

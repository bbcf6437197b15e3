// Runs the prebuilt-answer WS API responder (`_responder.ts`) in its own thread. The bench
// posts a SharedArrayBuffer for the responder's busy time and answered count; the worker
// answers with its URL.
import { startResponder } from "./_responder.ts";

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent<SharedArrayBuffer>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { url } = startResponder(new Float64Array(e.data));
  scope.postMessage({ url });
};

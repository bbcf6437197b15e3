// Runs the fake exchange in its own thread so the benchmark measures the clients.
import { startFakeBinance } from "../testing/mod.ts";

interface WorkerScope {
  postMessage(message: unknown): void;
}

const fake = await startFakeBinance({ requestWeightLimit: 1_000_000_000 });
(self as unknown as WorkerScope).postMessage({ url: fake.wsApiUrl });

// Runs the fake exchange in its own thread so the benchmark measures the clients.
import { startFakeBinance } from "../testing/mod.ts";

const fake = await startFakeBinance({ requestWeightLimit: 1_000_000_000 });
self.postMessage({ url: fake.wsApiUrl });
self.onmessage = async () => {
  await fake.close();
  self.postMessage({ closed: true });
};

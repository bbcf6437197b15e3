/**
 * The exact-integer parse of the WS API path (`core/_json.ts`) beside plain `JSON.parse`, on an
 * `executionReport` frame with times in milliseconds and in microseconds (`timeUnit:
 * "MICROSECOND"`, 16 digits, still safe integers). Run with `deno task bench`.
 */
import { parseJson } from "../core/_json.ts";

function report(time: number): string {
  return `{"subscriptionId":0,"event":{"e":"executionReport","E":${time},"s":"BTCUSDT",` +
    `"c":"bws-9f3a2b1c0d4e5f60a1b2c3d4e5f60718","S":"BUY","o":"LIMIT","f":"GTC",` +
    `"q":"3.00000000","p":"30123.45000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"",` +
    `"x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":12345,"l":"1.00000000",` +
    `"z":"2.00000000","L":"30123.45000000","n":"0.00100000","N":"BTC","T":${time},"t":55555,` +
    `"I":123456,"w":true,"m":false,"M":true,"O":${time},"Z":"60246.90000000",` +
    `"Y":"30123.45000000","Q":"0.00000000","W":${time},"V":"EXPIRE_MAKER"}}`;
}
const ms = report(1732000000123);
const us = report(1732000000123456);

for (const [unit, text] of [["ms", ms], ["µs", us]] as const) {
  Deno.bench({
    name: `JSON.parse: executionReport, times in ${unit}`,
    group: unit,
    baseline: true,
    fn: () => void JSON.parse(text),
  });
  Deno.bench({
    name: `parseJson (exact integers): executionReport, times in ${unit}`,
    group: unit,
    fn: () => void parseJson(text),
  });
}

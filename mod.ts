/**
 * A Deno-first client for Binance Spot's WebSocket API and WebSocket Market Streams, with a
 * local order book: typed, validated, rate-limit aware, gapless across reconnects and
 * rotations (or saying so with a `gap` event), and built to never stop silently.
 *
 * ```ts
 * import { connectWsApi, depth, tickerPrice } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 *
 * await using exchange = await startFakeBinance(); // or omit `url` for Binance itself
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const { price } = await tickerPrice(conn, { symbol: "BTCUSDT" });
 * const book = await depth(conn, { symbol: "BTCUSDT", limit: 5 });
 * console.log(price, book.bids[0]);
 * ```
 *
 * @module
 */

export * from "./core/connection.ts";
export * from "./core/errors.ts";
export * from "./core/order_filters.ts";
export * from "./core/rate_limits.ts";
export * from "./core/signing.ts";
export * from "./core/stream_connection.ts";
export * from "./core/stream_errors.ts";
export * from "./core/subscription.ts";
export * from "./core/types.ts";

export * from "./methods/_result.ts";
export * from "./methods/avg_price.ts";
export * from "./methods/block_trades_historical.ts";
export * from "./methods/depth.ts";
export * from "./methods/exchange_info.ts";
export * from "./methods/execution_rules.ts";
export * from "./methods/klines.ts";
export * from "./methods/ping.ts";
export * from "./methods/reference_price.ts";
export * from "./methods/reference_price_calculation.ts";
export * from "./methods/session_logon.ts";
export * from "./methods/session_logout.ts";
export * from "./methods/session_status.ts";
export * from "./methods/ticker.ts";
export * from "./methods/ticker_24hr.ts";
export * from "./methods/ticker_book.ts";
export * from "./methods/ticker_price.ts";
export * from "./methods/ticker_trading_day.ts";
export * from "./methods/time.ts";
export * from "./methods/trades_aggregate.ts";
export * from "./methods/trades_historical.ts";
export * from "./methods/trades_recent.ts";
export * from "./methods/ui_klines.ts";

export * from "./models/agg_trade_event.ts";
export * from "./models/aggregate_trade.ts";
export * from "./models/average_price.ts";
export * from "./models/avg_price_event.ts";
export * from "./models/block_trade.ts";
export * from "./models/block_trade_event.ts";
export * from "./models/book_ticker.ts";
export * from "./models/book_ticker_event.ts";
export * from "./models/depth.ts";
export * from "./models/diff_depth_event.ts";
export * from "./models/empty_result.ts";
export * from "./models/exchange_info.ts";
export * from "./models/execution_rules.ts";
export * from "./models/kline.ts";
export * from "./models/kline_event.ts";
export * from "./models/mini_ticker_event.ts";
export * from "./models/partial_depth_event.ts";
export * from "./models/reference_price.ts";
export * from "./models/reference_price_calculation.ts";
export * from "./models/reference_price_event.ts";
export * from "./models/rolling_window_ticker_event.ts";
export * from "./models/server_time.ts";
export * from "./models/session_status.ts";
export * from "./models/ticker.ts";
export * from "./models/ticker_event.ts";
export * from "./models/ticker_price.ts";
export * from "./models/trade.ts";
export * from "./models/trade_event.ts";

export * from "./streams/agg_trade.ts";
export * from "./streams/all_mini_tickers.ts";
export * from "./streams/all_rolling_window_tickers.ts";
export * from "./streams/avg_price.ts";
export * from "./streams/block_trade.ts";
export * from "./streams/book_ticker.ts";
export * from "./streams/diff_depth.ts";
export * from "./streams/kline.ts";
export * from "./streams/mini_ticker.ts";
export * from "./streams/partial_depth.ts";
export * from "./streams/reference_price.ts";
export * from "./streams/rolling_window_ticker.ts";
export * from "./streams/ticker.ts";
export * from "./streams/trade.ts";

export * from "./views/order_book.ts";
export * from "./views/account_view.ts";

export * from "./methods/_order_types.ts";
export * from "./methods/account_status.ts";
export * from "./methods/open_orders_cancel_all.ts";
export * from "./methods/order_amend_keep_priority.ts";
export * from "./methods/order_cancel.ts";
export * from "./methods/order_cancel_replace.ts";
export * from "./methods/order_list_cancel.ts";
export * from "./methods/order_list_place.ts";
export * from "./methods/order_list_place_oco.ts";
export * from "./methods/order_list_place_opo.ts";
export * from "./methods/order_list_place_opoco.ts";
export * from "./methods/order_list_place_oto.ts";
export * from "./methods/order_list_place_otoco.ts";
export * from "./methods/order_list_status.ts";
export * from "./methods/order_place.ts";
export * from "./methods/order_status.ts";
export * from "./methods/order_test.ts";
export * from "./methods/sor_order_place.ts";
export * from "./methods/sor_order_test.ts";
export * from "./models/account_status.ts";
export * from "./models/amended_order.ts";
export * from "./models/cancel_replace_result.ts";
export * from "./models/order_cancel.ts";
export * from "./models/order_commission.ts";
export * from "./models/order_list.ts";
export * from "./models/order_result.ts";
export * from "./models/queried_order.ts";
export * from "./models/recovered_order.ts";

export * from "./models/balance_update_event.ts";
export * from "./models/event_stream_terminated_event.ts";
export * from "./models/execution_report_event.ts";
export * from "./models/external_lock_update_event.ts";
export * from "./models/list_status_event.ts";
export * from "./models/outbound_account_position_event.ts";
export * from "./models/user_data_event.ts";
export * from "./methods/account_commission.ts";
export * from "./methods/my_allocations.ts";
export * from "./methods/my_filters.ts";
export * from "./methods/my_prevented_matches.ts";
export * from "./methods/order_amendments.ts";
export * from "./models/account_commission.ts";
export * from "./models/allocation.ts";
export * from "./models/my_filters.ts";
export * from "./models/order_amendment.ts";
export * from "./models/prevented_match.ts";

export * from "./methods/account_rate_limits_orders.ts";
export * from "./methods/all_order_lists.ts";
export * from "./methods/all_orders.ts";
export * from "./methods/my_trades.ts";
export * from "./methods/open_order_lists_status.ts";
export * from "./methods/open_orders_status.ts";
export * from "./models/account_trade.ts";
export * from "./models/order_rate_limit.ts";
export * from "./core/user_data.ts";
export * from "./methods/session_subscriptions.ts";
export * from "./methods/user_data_stream_subscribe.ts";
export * from "./methods/user_data_stream_subscribe_signature.ts";
export * from "./methods/user_data_stream_unsubscribe.ts";
export * from "./models/session_subscriptions.ts";
export * from "./models/user_data_subscribed.ts";

// Private: the fake exchange's records that only the account reads show: the prevented
// matches of self-trade prevention (faqs/stp_faq.md), the allocations of SOR placements
// (faqs/sor_faq.md) and the amendments of `order.amend.keepPriority`. The matching engine and
// the trading handlers add to them (one call each); `myPreventedMatches`, `myAllocations` and
// `order.amendments` (../_handlers/account_more.ts) read them. Amounts in units of 1e-8, times
// in ms, as the engine keeps them.

import type { Account } from "./accounts.ts";
import { mulUnits } from "./decimal.ts";
import type { Fill, Order } from "./orders.ts";

/** One prevented match, as `myPreventedMatches` reports it. */
export interface PreventedMatchRecord {
  account: Account;
  symbol: string;
  preventedMatchId: number;
  takerOrderId: number;
  makerSymbol: string;
  makerOrderId: number;
  /** -1: the fake's accounts belong to no trade group (STP is within one account). */
  tradeGroupId: number;
  selfTradePreventionMode: string;
  price: bigint;
  /** The taker's remaining quantity before the STP (EXPIRE_TAKER, EXPIRE_BOTH, DECREMENT). */
  takerPreventedQuantity?: bigint;
  /** The maker's remaining quantity before the STP (EXPIRE_MAKER, EXPIRE_BOTH, DECREMENT). */
  makerPreventedQuantity?: bigint;
  transactTime: number;
}

/** One allocation of an SOR order, as `myAllocations` reports it. */
export interface AllocationRecord {
  account: Account;
  symbol: string;
  allocationId: number;
  orderId: number;
  orderListId: number;
  price: bigint;
  qty: bigint;
  quoteQty: bigint;
  commission: bigint;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
}

/** One amendment of an order, as `order.amendments` reports it. */
export interface AmendmentRecord {
  account: Account;
  symbol: string;
  orderId: number;
  executionId: number;
  origClientOrderId: string;
  newClientOrderId: string;
  origQty: bigint;
  newQty: bigint;
  time: number;
}

/** The records, in the order they happened (ids increase with it). */
export class History {
  readonly preventedMatches: PreventedMatchRecord[] = [];
  readonly allocations: AllocationRecord[] = [];
  readonly amendments: AmendmentRecord[] = [];
  readonly #nextAllocationId = new Map<string, number>();
  readonly #allocationIds = new Map<Order, number[]>();

  /**
   * Records a prevented match between `taker` and `maker`, before the engine changes them
   * (their remaining quantities are the ones before the STP).
   *
   * @param remaining What an order can still trade (the engine's `left`).
   * @param prevented The quantity the match prevents (a TRANSFER's maker side).
   */
  prevent(
    taker: Order,
    maker: Order,
    id: number,
    price: bigint,
    now: number,
    remaining: (o: Order) => bigint,
    prevented?: bigint,
  ): void {
    const mode = taker.selfTradePreventionMode;
    // faqs/stp_faq.md Scenario H (TRANSFER, maker 0.6, taker 0.2): both sides "0.20000000".
    const transfer = mode === "TRANSFER";
    const decrement = mode === "DECREMENT" || transfer;
    const takerSide = mode === "EXPIRE_TAKER" || mode === "EXPIRE_BOTH" || decrement;
    const makerSide = mode === "EXPIRE_MAKER" || mode === "EXPIRE_BOTH" || decrement;
    this.preventedMatches.push({
      account: taker.account,
      symbol: taker.symbol,
      preventedMatchId: id,
      takerOrderId: taker.orderId,
      makerSymbol: maker.symbol,
      makerOrderId: maker.orderId,
      tradeGroupId: -1,
      selfTradePreventionMode: mode,
      price,
      ...(takerSide ? { takerPreventedQuantity: remaining(taker) } : {}),
      ...(makerSide
        ? {
          makerPreventedQuantity: transfer && prevented !== undefined
            ? prevented
            : remaining(maker),
        }
        : {}),
      transactTime: now,
    });
  }

  /**
   * Records one allocation of an SOR order, a fill it takes as it is placed (ids per symbol,
   * from 0), and returns its id: the fill's `allocId`, and `a` in its `executionReport`.
   */
  allocate(o: Order, fill: Omit<Fill, "tradeId" | "time" | "isMaker">, now: number): number {
    const id = this.#nextAllocationId.get(o.symbol) ?? 0;
    this.#nextAllocationId.set(o.symbol, id + 1);
    const ids = this.#allocationIds.get(o);
    if (ids) ids.push(id);
    else this.#allocationIds.set(o, [id]);
    this.allocations.push({
      account: o.account,
      symbol: o.symbol,
      allocationId: id,
      orderId: o.orderId,
      orderListId: o.orderListId,
      price: fill.price,
      qty: fill.qty,
      quoteQty: mulUnits(fill.price, fill.qty),
      commission: fill.commission,
      commissionAsset: fill.commissionAsset,
      time: now,
      isBuyer: o.side === "BUY",
    });
    return id;
  }

  /** The allocation id of an SOR order's `i`-th fill, if it was allocated. */
  allocationId(o: Order, i: number): number | undefined {
    return this.#allocationIds.get(o)?.[i];
  }

  /** Records an amendment (`origQty` before it, `o` after it). */
  amend(
    o: Order,
    executionId: number,
    origClientOrderId: string,
    origQty: bigint,
    now: number,
  ): void {
    this.amendments.push({
      account: o.account,
      symbol: o.symbol,
      orderId: o.orderId,
      executionId,
      origClientOrderId,
      newClientOrderId: o.clientOrderId,
      origQty,
      newQty: o.origQty,
      time: now,
    });
  }
}

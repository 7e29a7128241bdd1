// The list of instruction lookup tables and run-time dispatch over it. The order of TableKind is
// the order of the tables in the protocol (per-table flags, batching), see docs/protocol.md.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>

#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/table_automaton.hpp"
#include "rill/zkvm/lookups/tables_index.hpp"
#include "rill/zkvm/lookups/tables_operands.hpp"

namespace rill::zkvm::lookups {

enum class TableKind : u8 {
  kRangeCheck,
  kRangeCheckAligned,
  kAnd,
  kOr,
  kXor,
  kEqual,
  kNotEqual,
  kSignedLessThan,
  kUnsignedLessThan,
  kSignedGreaterThanEqual,
  kUnsignedGreaterThanEqual,
  kUnsignedLessThanEqual,
  kUpperWord,
  kLowerHalfWord,
  kSignExtendHalfWord,
  kMovsign,
  kPow2,
  kShiftRightBitmask,
  kVirtualSrl,
  kVirtualSra,
  kWordAlignment,
  kHalfwordAlignment,
  kValidDiv0,
  kValidUnsignedRemainder,
  kMulUNoOverflow,
  kChangeDivisor,
};

// The table types, in TableKind order.
template <unsigned XLEN>
using TableList = std::tuple<  //
    RangeCheckTable<XLEN>, RangeCheckAlignedTable<XLEN>, AndTable<XLEN>, OrTable<XLEN>,
    XorTable<XLEN>, EqualTable<XLEN>, NotEqualTable<XLEN>, SignedLessThanTable<XLEN>,
    UnsignedLessThanTable<XLEN>, SignedGreaterThanEqualTable<XLEN>,
    UnsignedGreaterThanEqualTable<XLEN>, UnsignedLessThanEqualTable<XLEN>, UpperWordTable<XLEN>,
    LowerHalfWordTable<XLEN>, SignExtendHalfWordTable<XLEN>, MovsignTable<XLEN>, Pow2Table<XLEN>,
    ShiftRightBitmaskTable<XLEN>, VirtualSrlTable<XLEN>, VirtualSraTable<XLEN>,
    WordAlignmentTable<XLEN>, HalfwordAlignmentTable<XLEN>, ValidDiv0Table<XLEN>,
    ValidUnsignedRemainderTable<XLEN>, MulUNoOverflowTable<XLEN>, ChangeDivisorTable<XLEN>>;

inline constexpr std::size_t kNumTables = std::tuple_size_v<TableList<32>>;
static_assert(kNumTables == static_cast<std::size_t>(TableKind::kChangeDivisor) + 1,
              "TableList and TableKind list the same tables");

namespace detail {

template <unsigned XLEN, class Fn, std::size_t... I>
decltype(auto) visit_table_at(std::size_t index, Fn& fn, std::index_sequence<I...>) {
  using Result = decltype(fn(std::tuple_element_t<0, TableList<XLEN>>{}));
  using Thunk = Result (*)(Fn&);
  static constexpr Thunk kThunks[] = {
      [](Fn& f) -> Result { return f(std::tuple_element_t<I, TableList<XLEN>>{}); }...};
  return kThunks[index](fn);
}

}  // namespace detail

// fn(Table{}) for the table of `kind`; every table must give the same result type.
template <unsigned XLEN, class Fn>
decltype(auto) visit_table(TableKind kind, Fn&& fn) {
  const auto index = static_cast<std::size_t>(kind);
  RILL_CHECK(index < kNumTables, "unknown lookup table");
  return detail::visit_table_at<XLEN>(index, fn, std::make_index_sequence<kNumTables>{});
}

// fn(Table{}) for every table, in TableKind order.
template <unsigned XLEN, class Fn>
void for_each_table(Fn&& fn) {
  std::apply([&](auto... tables) { (fn(tables), ...); }, TableList<XLEN>{});
}

inline constexpr std::array<TableKind, kNumTables> all_table_kinds() {
  std::array<TableKind, kNumTables> kinds{};
  for (std::size_t i = 0; i < kNumTables; ++i) kinds[i] = static_cast<TableKind>(i);
  return kinds;
}

inline std::string_view table_name(TableKind kind) {
  return visit_table<32>(kind, [](auto table) { return std::string_view{decltype(table)::kName}; });
}

// The table's entry at `index` (index < 2^(2·XLEN)).
template <unsigned XLEN>
u64 table_entry(TableKind kind, u64 index) {
  return visit_table<XLEN>(kind, [&](auto table) { return decltype(table)::entry(index); });
}

// The table's multilinear extension at r (2·XLEN coordinates, most significant index bit first).
template <unsigned XLEN, LookupField F>
F evaluate_table_mle(TableKind kind, std::span<const F> r) {
  return visit_table<XLEN>(
      kind, [&](auto table) { return TableAutomaton<decltype(table)>::evaluate_mle(r); });
}

}  // namespace rill::zkvm::lookups

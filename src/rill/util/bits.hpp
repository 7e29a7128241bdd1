// Small bit utilities on unsigned integers.
#pragma once

#include <bit>
#include <cstdint>

#include "rill/util/check.hpp"

namespace rill {

constexpr bool is_pow2(std::uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }

// Smallest power of two >= x (next_pow2(0) == 1).
constexpr std::uint64_t next_pow2(std::uint64_t x) { return x <= 1 ? 1 : std::bit_ceil(x); }

// log2 of a power of two.
constexpr unsigned log2_exact(std::uint64_t x) {
  return static_cast<unsigned>(std::countr_zero(x));
}

// ceil(log2(x)), with ceil_log2(0) == ceil_log2(1) == 0.
constexpr unsigned ceil_log2(std::uint64_t x) {
  return x <= 1 ? 0u : static_cast<unsigned>(64 - std::countl_zero(x - 1));
}

}  // namespace rill

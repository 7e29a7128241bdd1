// Fixed-width integer names used across Rill, including the 128-bit GCC/Clang extension types.
// The `__extension__` keyword keeps -Wpedantic -Werror quiet; this is the only place it appears.
#pragma once

#include <cstdint>

namespace rill {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i8 = std::int8_t;
using i16 = std::int16_t;
using i32 = std::int32_t;
using i64 = std::int64_t;
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

// The one "no access" encoding of an address or index (a cycle without a RAM access, a row
// without a register operand, an all-zero one-hot column).
inline constexpr u32 kNoAccess = ~u32{0};

}  // namespace rill

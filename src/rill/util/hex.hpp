// Lower-case hexadecimal text of bytes ("" for none), for reports and messages.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace rill {

inline std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    s += kDigits[b >> 4];
    s += kDigits[b & 0xF];
  }
  return s;
}

}  // namespace rill
